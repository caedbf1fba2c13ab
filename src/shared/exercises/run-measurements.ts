import type { TrainingEvent } from '../ipc/training-events';
import type { LossName } from '../training/losses';
import type { Task } from '../training/task';

/** What a check's training run measured, read from its final `done` event: the inputs of the trained criteria. */
export interface RunMeasurements {
  /** Epochs trained. */
  epochs: number;
  /**
   * Accuracy on the training data over the last epoch, as the accuracy chart's train curve shows it (measured while
   * training, so with Dropout active); null for autoencoders.
   */
  trainAccuracy: number | null;
  /** Accuracy on the validation data after the last epoch; null for autoencoders. */
  valAccuracy: number | null;
  /** Mean loss on the validation data after the last epoch. */
  valLoss: number | null;
  /**
   * Mean squared error per value between the validation images and their reconstructions. Only known for an
   * autoencoder trained with meanSquaredError, where it is the validation loss.
   */
  reconstructionError: number | null;
  classNames: string[];
  /** Validation recall per class in `classNames` order (from the confusion matrix); null for a class absent there. */
  classRecall: (number | null)[];
}

export type DoneEvent = Extract<TrainingEvent, { type: 'done' }>;

export function measurementsFromDone(done: DoneEvent, run: { task: Task; loss: LossName }): RunMeasurements {
  const { metrics } = done;
  return {
    epochs: done.epochs,
    trainAccuracy: metrics.accuracy,
    valAccuracy: metrics.valAccuracy,
    valLoss: metrics.valLoss,
    reconstructionError: run.task === 'autoencoder' && run.loss === 'meanSquaredError' ? metrics.valLoss : null,
    classNames: done.classNames,
    classRecall: recallPerClass(done.confusionMatrix),
  };
}

/** Rows are true classes, columns predicted: recall of class k = matrix[k][k] / Σ matrix[k]. */
export function recallPerClass(confusionMatrix: readonly (readonly number[])[]): (number | null)[] {
  return confusionMatrix.map((row, k) => {
    const total = row.reduce((sum, count) => sum + count, 0);
    return total === 0 ? null : row[k] / total;
  });
}
