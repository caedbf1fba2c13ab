import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAIN_CONFIG, trainSettingProblem, zTrainConfig } from './train-config';

describe('trainSettingProblem', () => {
  it('refuses in words exactly what the schema refuses', () => {
    expect(trainSettingProblem('learningRate', 100)).toBe('must be at most 10');
    expect(trainSettingProblem('learningRate', 0)).toBe('must be greater than 0');
    expect(trainSettingProblem('epochs', 0)).toBe('must be at least 1');
    expect(trainSettingProblem('epochs', 2.5)).toBe('must be a whole number');
    expect(trainSettingProblem('validationSplit', 1)).toBe('must be less than 1');
    expect(trainSettingProblem('learningRate', 0.01)).toBeNull();
  });

  it('agrees with parsing a whole config, value by value', () => {
    for (const [key, value] of [
      ['learningRate', 10],
      ['learningRate', 10.5],
      ['batchSize', 65_537],
      ['seed', -1],
      ['momentum', 0.9],
    ] as const) {
      const whole = zTrainConfig.safeParse({ ...DEFAULT_TRAIN_CONFIG, [key]: value }).success;
      expect(trainSettingProblem(key, value) === null, `${key} = ${value}`).toBe(whole);
    }
  });
});
