import type { Stats } from 'node:fs';
import { importableSummary, importerFor, extensionOf, type ImporterId } from '../../shared/training/importers';
import { withClassNames, type DatasetRef } from '../../shared/training/dataset';
import { importCsv } from './csv-importer';
import { DatasetError } from './dataset-error';
import { statDataPath } from './file-guard';
import { importImageFolder } from './image-folder-importer';
import { loadBuiltinDataset } from './builtin-datasets';
import type { LoadedDataset } from './loaded-dataset';
import { importNumpy } from './numpy-importer';

type FileRef = Extract<DatasetRef, { kind: 'file' }>;

/** One implementation per importer of the shared registry: an importer without one fails to compile. */
const IMPORTERS: Record<ImporterId, (ref: FileRef, info: Stats) => Promise<LoadedDataset>> = {
  numpy: (ref, info) => importNumpy(ref, info.size),
  csv: (ref) => importCsv(ref),
  'image-folder': (ref) => importImageFolder(ref),
};

/**
 * Loads a built-in set (generated or shipped) or imports a file, with the class names the ref gives; bad input is a
 * DatasetError naming the file.
 */
export async function loadDataset(ref: DatasetRef): Promise<LoadedDataset> {
  const data = await readDataset(ref);
  return { ...data, descriptor: withClassNames(data.descriptor, ref) };
}

/** The set as the file (or generator) has it, names included: what the dataset cache keeps. */
export function readDataset(ref: DatasetRef): Promise<LoadedDataset> {
  return ref.kind === 'builtin' ? loadBuiltinDataset(ref) : importDataFile(ref);
}

/** Picks the importer by what the path is (src/shared/training/importers.ts): a folder of class folders, or by file type. */
async function importDataFile(ref: FileRef): Promise<LoadedDataset> {
  const info = await statDataPath(ref.path);
  const importer = importerFor(ref.path, info.isDirectory());
  if (importer == null) {
    const extension = extensionOf(ref.path);
    throw new DatasetError(
      `${ref.path}: unsupported data file type "${extension ? `.${extension}` : '(none)'}" (use ${importableSummary()}).`,
      ref.path,
    );
  }
  return IMPORTERS[importer](ref, info);
}
