import { basename } from 'node:path';
import type { DatasetPreview } from '../../shared/ipc/api';
import type { DatasetDescriptor, DatasetRef } from '../../shared/training/dataset';
import { describeDataset, listBuiltinDatasets, previewDataset } from '../datasets/index';
import type { DatasetReadOptions } from '../datasets/dataset-cache';
import type { DatasetAccess } from './dataset-access';

/** The dataset operations both hosts offer, each refusing a file the session has not allowed before reading it. */
export interface DatasetService {
  list(): Promise<DatasetDescriptor[]>;
  describe(ref: DatasetRef): Promise<DatasetDescriptor>;
  preview(ref: DatasetRef, perClass: number): Promise<DatasetPreview>;
  /**
   * A file the user just picked (native dialog) or uploaded: read and checked once (so a file that can't be read
   * fails here, with the importer's message), then allowed for this session. Its descriptor and preview stay cached,
   * so the picker's preview that follows reads nothing. `name` is the file's name as the user knows it (an upload's
   * original name); by default the path's last part.
   */
  importFile(path: string, name?: string): Promise<DatasetRef>;
  /**
   * The memory limit of this session's reads, in MiB (the project's TrainConfig.maxMemoryMB; the default when
   * undefined): the renderer sets it when the setting changes, so imports and previews obey the same limit as runs.
   */
  setMemoryLimit(maxMemoryMB: number | undefined): void;
}

/** Where descriptors and previews come from: src/core/datasets' cache, or a stand-in in tests. */
export interface DatasetCatalog {
  describe(ref: DatasetRef, options?: DatasetReadOptions): Promise<DatasetDescriptor>;
  preview(ref: DatasetRef, perClass: number, options?: DatasetReadOptions): Promise<DatasetPreview>;
}

const DATASETS: DatasetCatalog = { describe: describeDataset, preview: previewDataset };

export function createDatasetService(access: DatasetAccess, catalog: DatasetCatalog = DATASETS): DatasetService {
  let limits: DatasetReadOptions = {};
  return {
    list: async () => listBuiltinDatasets(),
    async describe(ref) {
      access.check(ref);
      return catalog.describe(ref, limits);
    },
    async preview(ref, perClass) {
      access.check(ref);
      return catalog.preview(ref, perClass, limits);
    },
    setMemoryLimit(maxMemoryMB) {
      limits = maxMemoryMB === undefined ? {} : { maxMemoryMB };
    },
    async importFile(path, name = basename(path)) {
      const ref: DatasetRef = { kind: 'file', path, name };
      await catalog.describe(ref, limits);
      access.allowImported(path);
      return ref;
    },
  };
}
