import { describe, expect, it } from 'vitest';
import { zTrainConfig, DEFAULT_TRAIN_CONFIG } from '../../../shared/training/train-config';
import { parseHyperparameter } from './hyperparameters';

describe('parseHyperparameter', () => {
  it('accepts exactly what zTrainConfig accepts, for each numeric field', () => {
    const cases: [Parameters<typeof parseHyperparameter>[0], string][] = [
      ['learningRate', '0.01'],
      ['learningRate', '0'],
      ['learningRate', '11'],
      ['momentum', '0.9'],
      ['momentum', '1.5'],
      ['epochs', '5'],
      ['epochs', '2.5'],
      ['epochs', '0'],
      ['batchSize', '32'],
      ['batchSize', '-1'],
      ['validationSplit', '0.2'],
      ['validationSplit', '1'],
      ['seed', '7'],
      ['seed', '-7'],
    ];
    for (const [key, text] of cases) {
      const parsed = parseHyperparameter(key, text);
      const schema = zTrainConfig.safeParse({ ...DEFAULT_TRAIN_CONFIG, [key]: Number(text) });
      expect(parsed.ok, `${key}=${text}`).toBe(schema.success);
    }
  });

  it('explains what is wrong', () => {
    const bad = parseHyperparameter('validationSplit', '1');
    expect(!bad.ok && bad.error).toMatch(/< 1/);
    const text = parseHyperparameter('epochs', 'ten');
    expect(!text.ok && text.error).toMatch(/not a number/);
  });
});
