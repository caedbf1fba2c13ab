import type { DatasetPreview } from '../../shared/ipc/api';
import type { DatasetDescriptor, DatasetRef } from '../../shared/training/dataset';

/** The dataset operations both hosts offer; implemented over src/core/datasets in create-services.ts. */
export interface DatasetService {
  list(): Promise<DatasetDescriptor[]>;
  describe(ref: DatasetRef): Promise<DatasetDescriptor>;
  preview(ref: DatasetRef, perClass: number): Promise<DatasetPreview>;
}
