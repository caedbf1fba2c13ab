import { z } from 'zod';
import { LOSSES } from './losses';
import { MAX_MAX_MEMORY_MB, MIN_MAX_MEMORY_MB } from './memory-limit';
import { OPTIMIZERS } from './optimizers';

export const BACKENDS = ['auto', 'node', 'cpu', 'cpu-stock'] as const;
export type BackendName = (typeof BACKENDS)[number];

export const zLoss = z.enum(LOSSES);

export const zTrainConfig = z.object({
  optimizer: z.enum(OPTIMIZERS),
  /** Step size of the optimizer. */
  learningRate: z.number().positive().max(10),
  /** Momentum coefficient, for the optimizers with a momentum term (OptimizerDefinition.defaultMomentum when unset). */
  momentum: z.number().min(0).max(1).optional(),
  /** Nesterov accelerated gradient, for the optimizers that offer it (OptimizerDefinition.nesterov). */
  nesterov: z.boolean().optional(),
  epochs: z.number().int().min(1).max(100_000),
  batchSize: z.number().int().min(1).max(65_536),
  loss: zLoss,
  /** Fraction of the data held out for validation when the dataset has no validation split of its own; [0, 1). */
  validationSplit: z.number().min(0).lt(1),
  shuffle: z.boolean(),
  /** Seeds weight init, shuffling, dropout, noise and the split: same seed, same backend, same data → same losses. */
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1),
  backend: z.enum(BACKENDS).optional(),
  /**
   * Memory the data set may take once decoded, in MiB (DEFAULT_MAX_MEMORY_MB when unset): files that would need more
   * are refused before anything big is allocated. See memory-limit.ts.
   */
  maxMemoryMB: z.number().int().min(MIN_MAX_MEMORY_MB).max(MAX_MAX_MEMORY_MB).optional(),
});

export type TrainConfig = z.infer<typeof zTrainConfig>;

export const DEFAULT_TRAIN_CONFIG: TrainConfig = {
  optimizer: 'adam',
  learningRate: 0.001,
  epochs: 10,
  batchSize: 32,
  loss: 'categoricalCrossentropy',
  validationSplit: 0.1,
  shuffle: true,
  seed: 1,
};

/** The settings typed as numbers in the training panel. */
export type NumericTrainSetting =
  'learningRate' | 'momentum' | 'epochs' | 'batchSize' | 'validationSplit' | 'seed' | 'maxMemoryMB';

/**
 * Why `value` can't be the setting `key`, as the end of a sentence ("must be at most 10"), or null when it can. The
 * rule is zTrainConfig's, read from its schema, so the panel refuses exactly what a saved project or the CLI would.
 */
export function trainSettingProblem(key: NumericTrainSetting, value: number): string | null {
  const result = zTrainConfig.shape[key].safeParse(value);
  if (result.success) return null;
  const issue = result.error.issues[0];
  switch (issue.code) {
    case 'too_big':
      return `must be ${issue.inclusive ? 'at most' : 'less than'} ${String(issue.maximum)}`;
    case 'too_small':
      return `must be ${issue.inclusive ? 'at least' : 'greater than'} ${String(issue.minimum)}`;
    case 'invalid_type':
      return issue.expected === 'int' ? 'must be a whole number' : 'must be a number';
    default:
      return issue.message;
  }
}
