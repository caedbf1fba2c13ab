import { basename } from 'node:path';
import type { DatasetPreview } from '../../shared/ipc/api';
import type { DatasetDescriptor, DatasetRef } from '../../shared/training/dataset';
import { describeDataset, listBuiltinDatasets, previewDataset } from '../datasets/index';
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
}

/** Where descriptors and previews come from: src/core/datasets' cache, or a stand-in in tests. */
export interface DatasetCatalog {
  describe(ref: DatasetRef): Promise<DatasetDescriptor>;
  preview(ref: DatasetRef, perClass: number): Promise<DatasetPreview>;
}

const DATASETS: DatasetCatalog = { describe: describeDataset, preview: previewDataset };

export function createDatasetService(access: DatasetAccess, catalog: DatasetCatalog = DATASETS): DatasetService {
  return {
    list: async () => listBuiltinDatasets(),
    async describe(ref) {
      access.check(ref);
      return catalog.describe(ref);
    },
    async preview(ref, perClass) {
      access.check(ref);
      return catalog.preview(ref, perClass);
    },
    async importFile(path, name = basename(path)) {
      const ref: DatasetRef = { kind: 'file', path, name };
      await catalog.describe(ref);
      access.allowImported(path);
      return ref;
    },
  };
}
