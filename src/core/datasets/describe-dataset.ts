import type { DatasetPreview } from '../../shared/ipc/api';
import type { DatasetDescriptor, DatasetRef } from '../../shared/training/dataset';
import { createDatasetCache } from './dataset-cache';

/** One per process: the host's services and the CLI describe through it, so a file is parsed once per version. */
const cache = createDatasetCache();

/**
 * The one way to describe a data set without keeping its samples (`datasets.describe`, the import check,
 * `layerlab summary`). Built-in sets with their default parameters come from the list without generating anything;
 * with parameters, and imported files, are read in full and checked, so a bad file fails here, before training starts.
 */
export function describeDataset(ref: DatasetRef): Promise<DatasetDescriptor> {
  return cache.describe(ref);
}

/**
 * A few samples per class for the dataset picker, from the same cache: the preview is prepared when the set is first
 * read (images as 0..255 pixels, two-feature sets as points).
 */
export function previewDataset(ref: DatasetRef, perClass: number): Promise<DatasetPreview> {
  return cache.preview(ref, perClass);
}
