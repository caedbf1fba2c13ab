import type * as tf from '@tensorflow/tfjs';
import path from 'node:path';
import { PROJECT_FORMAT, PROJECT_VERSION, serializeProject, type ProjectFile } from '../../shared/graph/project-file';
import { writeFileAtomic } from '../services/atomic-write';
import { makeWritableFolder } from '../services/make-folder';
import { fileSaveHandler } from './file-io-handler';

/** One row of history.csv: the metrics of a finished epoch (null where the run has no such metric). */
export interface EpochRecord {
  epoch: number;
  loss: number;
  accuracy: number | null;
  valLoss: number | null;
  valAccuracy: number | null;
}

export const PROJECT_FILE = 'project.layerlab.json';
export const HISTORY_CSV = 'history.csv';

/**
 * Writes everything needed to reuse a run: model.json + weights.bin (TensorFlow.js layers format), the project
 * file it was trained from, and the per-epoch history as CSV.
 */
export async function exportTrainedModel(
  dir: string,
  run: {
    model: tf.LayersModel;
    project: Pick<ProjectFile, 'graph' | 'training' | 'dataset' | 'task'>;
    history: EpochRecord[];
  },
): Promise<void> {
  await makeWritableFolder(dir);
  await run.model.save(fileSaveHandler(dir));
  await writeText(
    path.join(dir, PROJECT_FILE),
    serializeProject({ format: PROJECT_FORMAT, version: PROJECT_VERSION, ...run.project }),
  );
  await writeText(path.join(dir, HISTORY_CSV), historyCsv(run.history));
}

export function historyCsv(history: EpochRecord[]): string {
  const cell = (value: number | null) => (value == null ? '' : String(value));
  const rows = history.map((r) => [r.epoch, r.loss, r.accuracy, r.valLoss, r.valAccuracy].map(cell).join(','));
  return ['epoch,loss,accuracy,val_loss,val_accuracy', ...rows].join('\n') + '\n';
}

/** A failed or killed write leaves the previous file and no temp file (see writeFileAtomic). */
function writeText(file: string, text: string): Promise<void> {
  return writeFileAtomic(file, text);
}
