import type { DatasetDescriptor, DatasetRef } from '../../shared/training/dataset';
import { loadDataset } from './load-dataset';

/**
 * The descriptor of a set without keeping its samples (for `datasets.describe` and `layerlab summary --data`).
 * Imported files are read and checked in full, so a bad file fails here, before training starts.
 */
export async function describeDataset(ref: DatasetRef): Promise<DatasetDescriptor> {
  return (await loadDataset(ref)).descriptor;
}
