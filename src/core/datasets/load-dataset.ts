import { importableSummary, importerFor, extensionOf, type ImporterId } from '../../shared/training/importers';
import { withClassNames, type DatasetRef } from '../../shared/training/dataset';
import { importCsv } from './csv-importer';
import { DatasetError } from './dataset-error';
import { statDataPath } from './file-guard';
import { importImageFolder } from './image-folder-importer';
import { loadBuiltinDataset } from './builtin-datasets';
import type { LoadedDataset } from './loaded-dataset';
import { MemoryBudget } from './memory-budget';
import { importNumpy } from './numpy-importer';

type FileRef = Extract<DatasetRef, { kind: 'file' }>;

/** One implementation per importer of the shared registry: an importer without one fails to compile. */
const IMPORTERS: Record<ImporterId, (ref: FileRef, budget: MemoryBudget) => Promise<LoadedDataset>> = {
  numpy: importNumpy,
  csv: importCsv,
  'image-folder': importImageFolder,
};

export interface LoadOptions {
  /** Memory the decoded data may take, in MiB (DEFAULT_MAX_MEMORY_MB when unset): `--max-memory`, TrainConfig.maxMemoryMB. */
  maxMemoryMB?: number;
}

/**
 * Loads a built-in set (generated or shipped, all small) or imports a file within the memory limit, with the class
 * names the ref gives; bad input, and a file needing more memory than the limit, is a DatasetError naming the file.
 */
export async function loadDataset(ref: DatasetRef, options: LoadOptions = {}): Promise<LoadedDataset> {
  const data = await readDataset(ref, options);
  return { ...data, descriptor: withClassNames(data.descriptor, ref) };
}

/** The set as the file (or generator) has it, names included: what the dataset cache keeps. */
export function readDataset(ref: DatasetRef, options: LoadOptions = {}): Promise<LoadedDataset> {
  return ref.kind === 'builtin'
    ? loadBuiltinDataset(ref)
    : importDataFile(ref, MemoryBudget.fromMegabytes(options.maxMemoryMB));
}

/** Picks the importer by what the path is (src/shared/training/importers.ts): a folder of class folders, or by file type. */
async function importDataFile(ref: FileRef, budget: MemoryBudget): Promise<LoadedDataset> {
  const info = await statDataPath(ref.path);
  const importer = importerFor(ref.path, info.isDirectory());
  if (importer == null) {
    const extension = extensionOf(ref.path);
    throw new DatasetError(
      `${ref.path}: unsupported data file type "${extension ? `.${extension}` : '(none)'}" (use ${importableSummary()}).`,
      ref.path,
    );
  }
  return IMPORTERS[importer](ref, budget);
}
