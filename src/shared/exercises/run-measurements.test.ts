import { describe, expect, it } from 'vitest';
import { measurementsFromDone, recallPerClass } from './run-measurements';

describe('run measurements', () => {
  it('reads recall per class from the confusion matrix rows, null for a class never seen', () => {
    expect(
      recallPerClass([
        [8, 2, 0],
        [1, 3, 0],
        [0, 0, 0],
      ]),
    ).toEqual([0.8, 0.75, null]);
  });

  it('knows the reconstruction error only for an autoencoder trained with mean squared error', () => {
    const done = {
      type: 'done' as const,
      metrics: { loss: 0.05, accuracy: null, valLoss: 0.04, valAccuracy: null },
      confusionMatrix: [],
      classNames: ['a'],
      epochs: 3,
      seconds: 12,
    };
    expect(measurementsFromDone(done, { task: 'autoencoder', loss: 'meanSquaredError' }).reconstructionError).toBe(
      0.04,
    );
    expect(
      measurementsFromDone(done, { task: 'autoencoder', loss: 'binaryCrossentropy' }).reconstructionError,
    ).toBeNull();
    expect(measurementsFromDone(done, { task: 'classification', loss: 'meanSquaredError' })).toMatchObject({
      reconstructionError: null,
      valLoss: 0.04,
      epochs: 3,
    });
  });
});
