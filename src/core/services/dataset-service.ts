import { basename } from 'node:path';
import type { DatasetPreview, DatasetReadLimits } from '../../shared/ipc/api';
import { readLimits } from '../../shared/ipc/ipc-contract';
import type { DatasetDescriptor, DatasetRef } from '../../shared/training/dataset';
import { describeDataset, listBuiltinDatasets, previewDataset } from '../datasets/index';
import type { DatasetReadOptions } from '../datasets/dataset-cache';
import type { DatasetAccess } from './dataset-access';

/**
 * The dataset operations both hosts offer, each refusing a file the session has not allowed before reading it. Every
 * read runs within the memory limit its request carries (`limits`, the project's TrainConfig.maxMemoryMB; the default
 * when absent): the service keeps no limit of its own, so callers sharing it (browser-mode tabs) don't affect each other.
 */
export interface DatasetService {
  list(): Promise<DatasetDescriptor[]>;
  describe(ref: DatasetRef, limits?: DatasetReadLimits): Promise<DatasetDescriptor>;
  preview(ref: DatasetRef, perClass: number, limits?: DatasetReadLimits): Promise<DatasetPreview>;
  /**
   * A file the user just picked (native dialog) or uploaded: read and checked once (so a file that can't be read
   * fails here, with the importer's message), then allowed for this session. Its descriptor and preview stay cached,
   * so the picker's preview that follows reads nothing. `name` is the file's name as the user knows it (an upload's
   * original name); by default the path's last part.
   */
  importFile(path: string, name?: string, limits?: DatasetReadLimits): Promise<DatasetRef>;
}

/** Where descriptors and previews come from: src/core/datasets' cache, or a stand-in in tests. */
export interface DatasetCatalog {
  describe(ref: DatasetRef, options?: DatasetReadOptions): Promise<DatasetDescriptor>;
  preview(ref: DatasetRef, perClass: number, options?: DatasetReadOptions): Promise<DatasetPreview>;
}

const DATASETS: DatasetCatalog = { describe: describeDataset, preview: previewDataset };

export function createDatasetService(access: DatasetAccess, catalog: DatasetCatalog = DATASETS): DatasetService {
  return {
    list: async () => listBuiltinDatasets(),
    async describe(ref, limits) {
      access.check(ref);
      return catalog.describe(ref, readLimits(limits));
    },
    async preview(ref, perClass, limits) {
      access.check(ref);
      return catalog.preview(ref, perClass, readLimits(limits));
    },
    async importFile(path, name = basename(path), limits) {
      const ref: DatasetRef = { kind: 'file', path, name };
      await catalog.describe(ref, readLimits(limits));
      access.allowImported(path);
      return ref;
    },
  };
}
