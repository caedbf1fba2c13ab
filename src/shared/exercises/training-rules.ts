import { z } from 'zod';
import { LOSSES } from '../training/losses';
import { OPTIMIZERS } from '../training/optimizers';
import type { TrainConfig } from '../training/train-config';

const zRange = (value: z.ZodNumber) =>
  z
    .strictObject({ min: value, max: value })
    .refine((range) => range.min <= range.max, { message: 'min must not be above max' });

/**
 * How every check of an exercise trains. Fixed values replace the student's; budgets cut the student's value down;
 * ranges and lists are rules the student's own settings must keep (a setting outside them is reported, not changed).
 */
export const zTrainingRules = z
  .strictObject({
    /** Fixed: seeds weight init, shuffling, dropout and the split, so a check gives the same numbers every time. */
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1),
    /** Fixed: the fraction of the data held out to measure validation accuracy and loss. */
    validationSplit: z.number().min(0.05).max(0.9),
    /** Budget: a check trains at most this many epochs; a student's larger number is cut down to it. */
    maxEpochs: z.number().int().min(1).max(1000),
    /** Fixed: when set, every check trains with this optimizer. */
    fixedOptimizer: z.enum(OPTIMIZERS).optional(),
    /** Rule: when set, the student's optimizer must be one of these. */
    allowedOptimizers: z.array(z.enum(OPTIMIZERS)).min(1).optional(),
    /** Rule: the student's learning rate must lie in [min, max]. */
    learningRate: zRange(z.number().positive().max(10)).optional(),
    /** Rule: the student's batch size must lie in [min, max]; a minimum keeps checks fast. */
    batchSize: zRange(z.number().int().min(1).max(65_536)).optional(),
    /** Fixed: when set, every check trains with this loss (needed to compare losses with a target). */
    fixedLoss: z.enum(LOSSES).optional(),
  })
  .refine((rules) => rules.fixedOptimizer === undefined || rules.allowedOptimizers === undefined, {
    message: 'give fixedOptimizer or allowedOptimizers, not both',
  });

export type TrainingRules = z.infer<typeof zTrainingRules>;

export interface RuledTraining {
  /** What the check trains with: the student's settings with the exercise's fixed values and budget applied. */
  training: TrainConfig;
  /** Each setting the rules replaced or cut down, as a sentence ("epochs 20 → 10: the exercise's budget"). */
  adjustments: string[];
  /** Each of the student's settings that breaks a rule; a check with violations does not train. */
  violations: string[];
}

/** Applies an exercise's rules to the student's training settings. Pure; the result says what changed and why. */
export function applyTrainingRules(rules: TrainingRules, student: TrainConfig): RuledTraining {
  const adjustments: string[] = [];
  const violations: string[] = [];
  const { backend: _backend, ...rest } = student;
  const training: TrainConfig = rest;
  const replace = <K extends keyof TrainConfig>(key: K, label: string, value: TrainConfig[K], why: string) => {
    if (training[key] !== value) adjustments.push(`${label} ${String(training[key])} → ${String(value)}: ${why}`);
    training[key] = value;
  };
  replace('seed', 'seed', rules.seed, 'fixed by the exercise');
  replace('validationSplit', 'validation split', rules.validationSplit, 'fixed by the exercise');
  if (training.epochs > rules.maxEpochs) replace('epochs', 'epochs', rules.maxEpochs, "the exercise's budget");
  if (rules.fixedOptimizer !== undefined)
    replace('optimizer', 'optimizer', rules.fixedOptimizer, 'fixed by the exercise');
  if (rules.fixedLoss !== undefined) replace('loss', 'loss', rules.fixedLoss, 'fixed by the exercise');
  if (rules.allowedOptimizers !== undefined && !rules.allowedOptimizers.includes(training.optimizer)) {
    violations.push(
      `optimizer ${training.optimizer} is not allowed in this exercise (allowed: ${rules.allowedOptimizers.join(', ')})`,
    );
  }
  const outside = (value: number, range: { min: number; max: number }) => value < range.min || value > range.max;
  if (rules.learningRate !== undefined && outside(training.learningRate, rules.learningRate)) {
    violations.push(
      `learning rate ${training.learningRate} is outside the allowed range ${rules.learningRate.min} to ${rules.learningRate.max}`,
    );
  }
  if (rules.batchSize !== undefined && outside(training.batchSize, rules.batchSize)) {
    violations.push(
      `batch size ${training.batchSize} is outside the allowed range ${rules.batchSize.min} to ${rules.batchSize.max}`,
    );
  }
  return { training, adjustments, violations };
}

/** The rules in one line each, for the instructions panel and `layerlab exercises`. */
export function describeTrainingRules(rules: TrainingRules): string[] {
  const lines = [
    `Seed ${rules.seed} and ${Math.round(rules.validationSplit * 100)} % of the data held out for validation (fixed)`,
    `At most ${rules.maxEpochs} epoch${rules.maxEpochs === 1 ? '' : 's'}`,
  ];
  if (rules.fixedOptimizer !== undefined) lines.push(`Optimizer ${rules.fixedOptimizer} (fixed)`);
  if (rules.allowedOptimizers !== undefined) lines.push(`Optimizer one of ${rules.allowedOptimizers.join(', ')}`);
  if (rules.learningRate !== undefined)
    lines.push(`Learning rate from ${rules.learningRate.min} to ${rules.learningRate.max}`);
  if (rules.batchSize !== undefined) lines.push(`Batch size from ${rules.batchSize.min} to ${rules.batchSize.max}`);
  if (rules.fixedLoss !== undefined) lines.push(`Loss ${rules.fixedLoss} (fixed)`);
  return lines;
}
