import { z } from 'zod';

/**
 * What went wrong (or is going wrong) with a run, in plain words with the fix. The engine diagnoses from the
 * history it has (during the run on `epoch` events, once more on `done`); the UI and the CLI show what was sent.
 * Pre-flight warnings (`high-learning-rate`) are computed before training from the settings alone.
 */
export const DIAGNOSIS_CODES = [
  /** Accuracy near chance and the loss not falling over a window of epochs: the network learned nothing. */
  'learned-nothing',
  /** (Almost) every validation sample is predicted as the same class. */
  'stuck-on-one-class',
  /** The training loss has not improved over a window of epochs. */
  'loss-not-decreasing',
  /** The gap between training and validation accuracy keeps growing. */
  'overfitting',
  /** The loss became NaN/infinite or exploded. */
  'diverged',
  /** The learning rate is far above the optimizer's usual range (before training). */
  'high-learning-rate',
] as const;

export type DiagnosisCode = (typeof DIAGNOSIS_CODES)[number];

export const zDiagnosis = z.object({
  code: z.enum(DIAGNOSIS_CODES),
  /** `error`: the run's result is not usable as is; `warning`: worth a look. */
  severity: z.enum(['warning', 'error']),
  /** 1-based epoch at which it was noticed (absent for pre-flight warnings). */
  epoch: z.number().int().optional(),
  /** One short sentence for a badge or a CLI line, e.g. "The network learned nothing". */
  title: z.string(),
  /** What was measured, e.g. "Validation accuracy 21 % (chance: 20 %), loss flat for 5 epochs." */
  message: z.string(),
  /** What to do about it, e.g. "Lower the learning rate (Adam usually works with 0.001)." */
  advice: z.string(),
});

export type Diagnosis = z.infer<typeof zDiagnosis>;
