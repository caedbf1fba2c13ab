import { formatMeasure } from '../../../shared/exercises/criteria/format-measure';
import type { TrainingEvent } from '../../../shared/ipc/training-events';

/** How far the running (or last) check's training got, from the events its training process sent. */
export interface CheckProgress {
  /** Epochs the check trains, from its `started` event; null until the training process has started. */
  epochs: number | null;
  /** Epochs finished. */
  epoch: number;
  /** The latest finished epoch's validation measures; null before the first or when the run has no validation data. */
  valAccuracy: number | null;
  valLoss: number | null;
}

export const CHECK_STARTING: CheckProgress = { epochs: null, epoch: 0, valAccuracy: null, valLoss: null };

/** The progress after one more of the check's training events; events that say nothing about it leave it as it is. */
export function reduceCheckProgress(progress: CheckProgress, event: TrainingEvent): CheckProgress {
  switch (event.type) {
    case 'started':
      return { ...CHECK_STARTING, epochs: event.epochs };
    case 'epoch':
      return { ...progress, epoch: event.epoch, valAccuracy: event.valAccuracy, valLoss: event.valLoss };
    case 'done':
      return {
        ...progress,
        epoch: event.epochs,
        valAccuracy: event.metrics.valAccuracy ?? progress.valAccuracy,
        valLoss: event.metrics.valLoss ?? progress.valLoss,
      };
    default:
      return progress;
  }
}

/** "Epoch 3 of 10 · validation accuracy 87.5 % · validation loss 0.3125", as the bar and its progressbar say it. */
export function checkProgressText(progress: CheckProgress): string {
  if (progress.epochs === null) return 'Starting the training process…';
  const parts = [`Epoch ${progress.epoch} of ${progress.epochs}`];
  if (progress.valAccuracy !== null)
    parts.push(`validation accuracy ${formatMeasure(progress.valAccuracy, 'fraction')}`);
  if (progress.valLoss !== null) parts.push(`validation loss ${formatMeasure(progress.valLoss, 'loss')}`);
  return parts.join(' · ');
}
