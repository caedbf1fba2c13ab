import { describe, expect, it } from 'vitest';
import type { TrainingEvent } from '../../../shared/ipc/training-events';
import { CHECK_STARTING, checkProgressText, reduceCheckProgress } from './check-progress';

const STARTED: TrainingEvent = {
  type: 'started',
  backend: 'cpu',
  params: 17,
  trainSize: 300,
  valSize: 100,
  classNames: ['a', 'b'],
  epochs: 10,
  batchesPerEpoch: 10,
};

function epoch(n: number, valAccuracy: number | null, valLoss: number | null): TrainingEvent {
  return {
    type: 'epoch',
    epoch: n,
    loss: 0.5,
    accuracy: 0.8,
    valLoss,
    valAccuracy,
    confusionMatrix: [],
    perClass: [],
    samplesPerSecond: 1000,
    etaSeconds: 1,
  };
}

describe('check progress', () => {
  it('counts the epochs the check has finished out of those it trains, with the latest validation measures', () => {
    const started = reduceCheckProgress(CHECK_STARTING, STARTED);
    expect(started).toEqual({ epochs: 10, epoch: 0, valAccuracy: null, valLoss: null });
    const third = [1, 2, 3].reduce((p, n) => reduceCheckProgress(p, epoch(n, 0.5 + n / 10, 1 / n)), started);
    expect(third).toEqual({ epochs: 10, epoch: 3, valAccuracy: 0.8, valLoss: 1 / 3 });
    expect(checkProgressText(third)).toBe('Epoch 3 of 10 · validation accuracy 80.0 % · validation loss 0.3333');
  });

  it('ends at the epochs the run trained, with its final measures', () => {
    const done = reduceCheckProgress(reduceCheckProgress(CHECK_STARTING, STARTED), {
      type: 'done',
      metrics: { loss: 0.1, accuracy: 1, valLoss: 0.125, valAccuracy: 0.95 },
      confusionMatrix: [],
      classNames: ['a', 'b'],
      epochs: 10,
      seconds: 2,
    });
    expect(done).toEqual({ epochs: 10, epoch: 10, valAccuracy: 0.95, valLoss: 0.125 });
  });

  it('says it is starting before the training process reports, and leaves out measures a run does not have', () => {
    expect(checkProgressText(CHECK_STARTING)).toBe('Starting the training process…');
    const batch: TrainingEvent = { type: 'batch', epoch: 1, batch: 3, loss: 0.7 };
    expect(reduceCheckProgress(CHECK_STARTING, batch)).toBe(CHECK_STARTING);
    // An autoencoder's check has no accuracy.
    const started = reduceCheckProgress(CHECK_STARTING, STARTED);
    expect(checkProgressText(reduceCheckProgress(started, epoch(1, null, 0.02)))).toBe(
      'Epoch 1 of 10 · validation loss 0.02',
    );
  });
});
