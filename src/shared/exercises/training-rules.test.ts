import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from '../training/train-config';
import { applyTrainingRules, describeTrainingRules, type TrainingRules, zTrainingRules } from './training-rules';

const RULES: TrainingRules = {
  seed: 7,
  validationSplit: 0.2,
  maxEpochs: 5,
  allowedOptimizers: ['adam', 'rmsprop'],
  learningRate: { min: 0.0001, max: 0.01 },
  batchSize: { min: 16, max: 128 },
};

const STUDENT: TrainConfig = {
  ...DEFAULT_TRAIN_CONFIG,
  seed: 7,
  validationSplit: 0.2,
  epochs: 4,
  backend: 'cpu-stock',
};

describe('applyTrainingRules', () => {
  it("keeps the student's settings within the rules and drops the backend (the checker picks it)", () => {
    const { backend: _backend, ...expected } = STUDENT;
    expect(applyTrainingRules(RULES, STUDENT)).toEqual({ training: expected, adjustments: [], violations: [] });
  });

  it('replaces fixed values and cuts the epochs down to the budget, saying so', () => {
    const rules: TrainingRules = {
      ...RULES,
      allowedOptimizers: undefined,
      fixedOptimizer: 'sgd',
      fixedLoss: 'meanSquaredError',
    };
    const result = applyTrainingRules(rules, { ...STUDENT, seed: 1, validationSplit: 0.1, epochs: 20 });
    expect(result.training).toMatchObject({
      seed: 7,
      validationSplit: 0.2,
      epochs: 5,
      optimizer: 'sgd',
      loss: 'meanSquaredError',
    });
    expect(result.adjustments).toEqual([
      'seed 1 → 7: fixed by the exercise',
      'validation split 0.1 → 0.2: fixed by the exercise',
      "epochs 20 → 5: the exercise's budget",
      'optimizer adam → sgd: fixed by the exercise',
      'loss categoricalCrossentropy → meanSquaredError: fixed by the exercise',
    ]);
    expect(result.violations).toEqual([]);
  });

  it('reports settings outside the allowed sets and ranges without changing them', () => {
    const result = applyTrainingRules(RULES, { ...STUDENT, optimizer: 'sgd', learningRate: 0.5, batchSize: 1 });
    expect(result.training).toMatchObject({ optimizer: 'sgd', learningRate: 0.5, batchSize: 1 });
    expect(result.violations).toEqual([
      'optimizer sgd is not allowed in this exercise (allowed: adam, rmsprop)',
      'learning rate 0.5 is outside the allowed range 0.0001 to 0.01',
      'batch size 1 is outside the allowed range 16 to 128',
    ]);
  });

  it('describes the rules for students', () => {
    expect(describeTrainingRules(RULES)).toEqual([
      'Seed 7 and 20 % of the data held out for validation (fixed)',
      'At most 5 epochs',
      'Optimizer one of adam, rmsprop',
      'Learning rate from 0.0001 to 0.01',
      'Batch size from 16 to 128',
    ]);
  });

  it('refuses contradictory or empty ranges', () => {
    expect(zTrainingRules.safeParse({ ...RULES, learningRate: { min: 0.1, max: 0.01 } }).success).toBe(false);
    expect(zTrainingRules.safeParse({ ...RULES, fixedOptimizer: 'sgd' }).success).toBe(false);
    expect(zTrainingRules.safeParse({ ...RULES, validationSplit: 0 }).success).toBe(false);
  });
});
