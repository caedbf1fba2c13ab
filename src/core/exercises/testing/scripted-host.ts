import type { TrainingEvent } from '../../../shared/ipc/training-events';
import type { StartTrainingRequest } from '../../../shared/ipc/training-protocol';
import type { HostedTrainingEvent, TrainingHost } from '../../engine/training-host';

/**
 * A TrainingHost that plays back given events instead of training, for tests of what a check does with a run's
 * outcome (done, diverged, crashed, never finishing) without a training process.
 */
export function scriptedHost(
  script: (request: StartTrainingRequest) => TrainingEvent[],
  log: { requests: StartTrainingRequest[]; disposed: number } = { requests: [], disposed: 0 },
): () => TrainingHost {
  return () => {
    const listeners = new Set<(event: HostedTrainingEvent) => void>();
    return {
      start(request) {
        log.requests.push(request);
        const events = script(request);
        setImmediate(() => {
          for (const event of events) for (const listener of listeners) listener({ ...event, runId: 'run' });
        });
        return 'run';
      },
      pause() {},
      resume() {},
      stop() {},
      exportModel: () => Promise.reject(new Error('not supported')),
      inspect: () => Promise.reject(new Error('not supported')),
      // Played-back runs have no model to keep.
      keepModels() {},
      onEvent(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      hasModel: () => false,
      isRunning: () => false,
      dispose() {
        log.disposed++;
        listeners.clear();
      },
    };
  };
}

/** The events of a classifier run that ends with these validation results. */
export function classifierRun(
  request: StartTrainingRequest,
  result: { accuracy: number; valAccuracy: number; confusionMatrix: number[][]; classNames: string[] },
): TrainingEvent[] {
  return [
    {
      type: 'started',
      backend: 'cpu',
      params: 17,
      trainSize: 300,
      valSize: 100,
      classNames: result.classNames,
      epochs: request.training.epochs,
      batchesPerEpoch: 10,
    },
    {
      type: 'done',
      metrics: { loss: 0.2, accuracy: result.accuracy, valLoss: 0.25, valAccuracy: result.valAccuracy },
      confusionMatrix: result.confusionMatrix,
      classNames: result.classNames,
      epochs: request.training.epochs,
      seconds: 1,
    },
  ];
}
