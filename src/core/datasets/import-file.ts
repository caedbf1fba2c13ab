import { extname } from 'node:path';
import type { DatasetRef } from '../../shared/training/dataset';
import { importCsv } from './csv-importer';
import { DatasetError } from './dataset-error';
import { statDataPath } from './file-guard';
import { importImageFolder } from './image-folder-importer';
import type { LoadedDataset } from './loaded-dataset';
import { importNumpy } from './numpy-importer';

type FileRef = Extract<DatasetRef, { kind: 'file' }>;

/** Picks the importer by what the path is: a folder of class folders, .npz/.npy, or .csv. */
export async function importDataFile(ref: FileRef): Promise<LoadedDataset> {
  const info = await statDataPath(ref.path);
  if (info.isDirectory()) return importImageFolder(ref);
  const ext = extname(ref.path).toLowerCase();
  if (ext === '.npz' || ext === '.npy') return importNumpy(ref, info.size);
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return importCsv(ref);
  throw new DatasetError(
    `${ref.path}: unsupported data file type "${ext || '(none)'}" (use .npz, .npy, .csv or a folder of class folders).`,
    ref.path,
  );
}
