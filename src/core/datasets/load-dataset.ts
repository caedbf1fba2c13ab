import type { DatasetRef } from '../../shared/training/dataset';
import { loadBuiltinDataset } from './builtin-datasets';
import { importDataFile } from './import-file';
import type { LoadedDataset } from './loaded-dataset';

/** Loads a built-in set (generated or shipped) or imports a file; bad input is a DatasetError naming the file. */
export function loadDataset(ref: DatasetRef): Promise<LoadedDataset> {
  return ref.kind === 'builtin' ? loadBuiltinDataset(ref) : importDataFile(ref);
}
