import { z } from 'zod';
import { zDiagnosis } from '../training/diagnosis';

/**
 * Events from a training run, in the order tfjs callbacks fire them. The app (over IPC), the browser mode
 * (over WebSocket) and the CLI (`--json`, one per line) all carry exactly this union.
 */
const zMetrics = z.object({
  loss: z.number(),
  /** null for regression/autoencoder runs, where accuracy means nothing. */
  accuracy: z.number().nullable(),
  valLoss: z.number().nullable(),
  valAccuracy: z.number().nullable(),
});

/** One class's validation scores, computed by the engine from the confusion matrix (0 where a ratio has no denominator). */
export const zClassScores = z.object({ precision: z.number(), recall: z.number(), f1: z.number() });
export type ClassScores = z.infer<typeof zClassScores>;

/** One layer's gradient size in an epoch (see the epoch event's `gradientNorms`). */
export const zGradientNorm = z.object({ layer: z.string(), norm: z.number() });
export type GradientNorm = z.infer<typeof zGradientNorm>;

export const zTrainingEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('started'),
    /** Backend actually running: `node`, `cpu` (project kernels) or `cpu-stock`. */
    backend: z.string(),
    params: z.number().int(),
    trainSize: z.number().int(),
    valSize: z.number().int(),
    classNames: z.array(z.string()),
    epochs: z.number().int(),
    batchesPerEpoch: z.number().int(),
    /** Warnings from the settings alone, before training (`high-learning-rate`); absent when there are none. */
    diagnoses: z.array(zDiagnosis).optional(),
  }),
  z.object({
    type: z.literal('batch'),
    /** 1-based epoch in progress. */
    epoch: z.number().int(),
    /** 1-based batch within the epoch. */
    batch: z.number().int(),
    loss: z.number(),
    accuracy: z.number().optional(),
  }),
  z.object({
    type: z.literal('epoch'),
    /** 1-based epoch just finished. */
    epoch: z.number().int(),
    loss: z.number(),
    accuracy: z.number().nullable(),
    valLoss: z.number().nullable(),
    valAccuracy: z.number().nullable(),
    /** Validation confusion matrix: rows are true classes, columns predicted; empty for non-classifiers. */
    confusionMatrix: z.array(z.array(z.number().int())),
    /** Per true class, in `classNames` order; empty for non-classifiers. The UI shows these as sent. */
    perClass: z.array(zClassScores),
    samplesPerSecond: z.number(),
    /** Estimated seconds until the run ends. */
    etaSeconds: z.number(),
    /** Problems first noticed at this epoch (see `Diagnosis`); absent when there are none. */
    diagnoses: z.array(zDiagnosis).optional(),
    /**
     * Runs started with `views`: per layer with weights, the L2 norm of its gradient (all its weights together),
     * averaged over the batches measured this epoch. Shrinking norms towards the input are vanishing gradients.
     */
    gradientNorms: z.array(zGradientNorm).optional(),
  }),
  z.object({ type: z.literal('paused'), epoch: z.number().int(), batch: z.number().int() }),
  z.object({ type: z.literal('resumed'), epoch: z.number().int(), batch: z.number().int() }),
  z.object({
    type: z.literal('done'),
    metrics: zMetrics,
    confusionMatrix: z.array(z.array(z.number().int())),
    classNames: z.array(z.string()),
    epochs: z.number().int(),
    seconds: z.number(),
    /** Everything diagnosed about the finished run; empty when it went fine. */
    diagnoses: z.array(zDiagnosis).optional(),
  }),
  z.object({
    type: z.literal('cancelled'),
    /** Epochs completed before the stop; the weights trained so far are kept. */
    epochs: z.number().int(),
    metrics: zMetrics.nullable(),
  }),
  z.object({
    type: z.literal('error'),
    /** Machine-readable: `diverged`, `bad-input`, `invalid-graph`, `crashed`, `internal`, ... */
    code: z.string(),
    message: z.string(),
  }),
]);

export type TrainingEvent = z.infer<typeof zTrainingEvent>;
export type TrainingEventType = TrainingEvent['type'];
