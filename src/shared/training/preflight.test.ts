import { describe, expect, it } from 'vitest';
import { HIGH_LEARNING_RATE_FACTOR, preflightDiagnoses } from './preflight';

describe('preflightDiagnoses', () => {
  it('warns before training about a learning rate far above the optimizer’s usual one', () => {
    expect(preflightDiagnoses({ optimizer: 'adam', learningRate: 0.02 })).toEqual([]);
    expect(preflightDiagnoses({ optimizer: 'adam', learningRate: 0.1 })).toEqual([
      {
        code: 'high-learning-rate',
        severity: 'warning',
        title: 'The learning rate is very high',
        message: 'Learning rate 0.1 is 100 times what Adam usually starts with (0.001).',
        advice: 'Start near 0.001; a step this large usually makes the loss jump around or blow up instead of falling.',
      },
    ]);
  });

  it('draws the line at the same factor for every optimizer (the app and the engine share it)', () => {
    expect(preflightDiagnoses({ optimizer: 'sgd', learningRate: 0.01 * HIGH_LEARNING_RATE_FACTOR * 0.9 })).toEqual([]);
    expect(preflightDiagnoses({ optimizer: 'sgd', learningRate: 0.01 * HIGH_LEARNING_RATE_FACTOR * 1.1 })).toHaveLength(
      1,
    );
  });
});
