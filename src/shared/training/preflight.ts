import type { Diagnosis } from './diagnosis';
import { OPTIMIZER_CATALOGUE } from './optimizers';
import type { TrainConfig } from './train-config';

/** A learning rate this many times the optimizer's usual one is worth a warning before training. */
export const HIGH_LEARNING_RATE_FACTOR = 25;

/** The settings the warnings before a run look at. */
export type PreflightSettings = Pick<TrainConfig, 'optimizer' | 'learningRate'>;

/** The usual first learning rate of the run's optimizer, and how many times it the run's is. */
export function learningRateRatio(training: PreflightSettings): { usual: number; ratio: number; label: string } {
  const { defaultLearningRate: usual, label } = OPTIMIZER_CATALOGUE[training.optimizer];
  return { usual, ratio: training.learningRate / usual, label };
}

/**
 * Warnings from the settings alone, before any training: a learning rate far above the optimizer's usual range.
 * The app shows them next to Train; the engine sends the same ones on `started`.
 */
export function preflightDiagnoses(training: PreflightSettings): Diagnosis[] {
  const { usual, ratio, label } = learningRateRatio(training);
  if (ratio <= HIGH_LEARNING_RATE_FACTOR) return [];
  return [
    {
      code: 'high-learning-rate',
      severity: 'warning',
      title: 'The learning rate is very high',
      message: `Learning rate ${training.learningRate} is ${Math.round(ratio).toLocaleString('en-US')} times what ${label} usually starts with (${usual}).`,
      advice: `Start near ${usual}; a step this large usually makes the loss jump around or blow up instead of falling.`,
    },
  ];
}
