import { z } from 'zod';

/** One line of the checklist: a criterion, what was measured against its target, and whether it passed. */
export const zCriterionResult = z.object({
  id: z.string(),
  /** The criterion definition (`val-accuracy-min`, …). */
  kind: z.string(),
  /** "Validation accuracy ≥ 85.0 %" */
  description: z.string(),
  passed: z.boolean(),
  /** The measured number (a fraction for accuracies); null when it could not be measured, e.g. not trained. */
  measured: z.number().nullable(),
  target: z.number(),
  /** What the criterion is worth; earned when it passes. */
  points: z.number(),
  /** For the student when it fails; empty when the exercise gives none. */
  hint: z.string(),
  /** The measured value as people read it ("91.2 %", "41,773", "not measured"), with any detail. */
  measuredText: z.string(),
  targetText: z.string(),
});
export type CriterionResult = z.infer<typeof zCriterionResult>;

/** How the check trained: the student's settings after the exercise's rules. */
export const zCheckRunInfo = z.object({
  backend: z.string(),
  epochs: z.number().int(),
  optimizer: z.string(),
  learningRate: z.number(),
  batchSize: z.number().int(),
  loss: z.string(),
  seed: z.number().int(),
  validationSplit: z.number(),
});
export type CheckRunInfo = z.infer<typeof zCheckRunInfo>;

/**
 * The judge's verdict, as `layerlab check --json` prints it last and the app's checklist shows it. Same submission,
 * same exercise, same backend → the same object (nothing in it depends on the clock).
 */
export const zExerciseResult = z.object({
  /** The exercise id. */
  exercise: z.string(),
  title: z.string(),
  /** Every criterion passed and the submission was trained. */
  passed: z.boolean(),
  /** Points of the criteria that passed. */
  score: z.number(),
  maxScore: z.number(),
  criteria: z.array(zCriterionResult),
  /** Why the submission was not trained, or why training failed; empty when it trained to the end. */
  problems: z.array(z.string()),
  /** Settings the exercise's rules replaced or cut down ("epochs 20 → 10: the exercise's budget"). */
  adjustments: z.array(z.string()),
  /** How it was trained; null when it was refused before training. */
  run: zCheckRunInfo.nullable(),
});
export type ExerciseResult = z.infer<typeof zExerciseResult>;
