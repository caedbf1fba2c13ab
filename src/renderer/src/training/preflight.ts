import type { Diagnosis } from '../../../shared/training/diagnosis';
import { OPTIMIZER_CATALOGUE } from '../../../shared/training/optimizers';
import type { TrainConfig } from '../../../shared/training/train-config';

/** How many times the optimizer's usual learning rate counts as far above it. */
const HIGH_LEARNING_RATE_FACTOR = 100;

/**
 * Warnings about the settings before a run starts: a learning rate far above the optimizer's usual one (Adam at 10
 * instead of 0.001 learns nothing). Shown next to Train; they don't block it.
 *
 * NOTE for the lead: issue #14 writes the shared `preflightWarnings(config)` in src/shared/training/diagnose-run.ts;
 * this local rule stands in until that lands (replace the body with a call to it).
 */
export function preflightWarnings(training: TrainConfig): Diagnosis[] {
  const optimizer = OPTIMIZER_CATALOGUE[training.optimizer];
  const usual = optimizer.defaultLearningRate;
  if (training.learningRate < usual * HIGH_LEARNING_RATE_FACTOR) return [];
  return [
    {
      code: 'high-learning-rate',
      severity: 'warning',
      title: 'The learning rate is very high',
      message: `A learning rate of ${training.learningRate} is ${Math.round(training.learningRate / usual).toLocaleString('en-US')} times ${optimizer.label}'s usual ${usual}: the steps overshoot, and the network will probably learn nothing or diverge.`,
      advice: `Start near ${usual}.`,
    },
  ];
}
