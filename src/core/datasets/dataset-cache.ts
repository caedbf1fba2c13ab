import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DATASET_PREVIEW_PER_CLASS, type DatasetPreview } from '../../shared/ipc/api';
import { withClassNames, type DatasetDescriptor, type DatasetRef } from '../../shared/training/dataset';
import { memoryLimitBytes } from '../../shared/training/memory-limit';
import { listBuiltinDatasets } from './builtin-datasets';
import { readDataset } from './load-dataset';
import type { LoadedDataset } from './loaded-dataset';
import { npyLabelsPath } from './numpy-importer';
import { previewLoadedDataset } from './preview-dataset';

/** What is kept of a data set once read: its descriptor and a preview, never its samples. */
interface Entry {
  descriptor: DatasetDescriptor;
  preview: DatasetPreview;
  /** Samples per class in `preview`; smaller requests are cut from it. */
  perClass: number;
  /**
   * The memory limit (bytes) the set was read within. It fits any larger limit; a request with a smaller one reads
   * again under its own, so a set cached for one caller is never handed to another whose limit it exceeds.
   */
  limitBytes: number;
}

/** How a set may be read: within a memory limit (see shared/training/memory-limit.ts). */
export interface DatasetReadOptions {
  maxMemoryMB?: number;
}

export interface DatasetCache {
  /** The descriptor of a set: built-in defaults from the list, anything else read once per file version. */
  describe(ref: DatasetRef, options?: DatasetReadOptions): Promise<DatasetDescriptor>;
  preview(ref: DatasetRef, perClass: number, options?: DatasetReadOptions): Promise<DatasetPreview>;
}

/**
 * Reads a set in full and returns its descriptor and a preview of `perClass` samples per class. The CLI reads in its
 * own process (`readInThisProcess`); the app and the browser-mode server in a data process of their own
 * (engine/dataset-process.ts), so an import never holds the samples in the host.
 */
export type DatasetReader = (ref: DatasetRef, perClass: number, options: DatasetReadOptions) => Promise<DatasetPreview>;

export function readInThisProcess(
  load: (ref: DatasetRef, options: DatasetReadOptions) => Promise<LoadedDataset> = readDataset,
): DatasetReader {
  return async (ref, perClass, options) => previewLoadedDataset(await load(ref, options), perClass);
}

export interface DatasetCacheOptions {
  /** Reads a set in full, in this process; tests count the reads. */
  load?: (ref: DatasetRef, options: DatasetReadOptions) => Promise<LoadedDataset>;
  /** Reads a set and previews it, anywhere (overrides `load`). */
  read?: DatasetReader;
  /** How many data sets to remember (least recently used goes first). */
  capacity?: number;
}

/**
 * Reads each data set once and keeps its descriptor and preview, keyed by what was read: a built-in's id and
 * parameters, or a file's identity (resolved path, size and modification time, with the labels file of a lone .npy,
 * and the ref's array/column names and options). An import, the picker's preview and `datasets.describe` therefore
 * parse a file once; a file changed on disk is read again. Failed reads are not remembered.
 */
export function createDatasetCache(options: DatasetCacheOptions = {}): DatasetCache {
  const reader = options.read ?? readInThisProcess(options.load);
  const capacity = options.capacity ?? 8;
  const entries = new Map<string, Promise<Entry>>();

  async function read(ref: DatasetRef, perClass: number, readOptions: DatasetReadOptions = {}): Promise<Entry> {
    const key = await identity(ref);
    const known = key == null ? undefined : entries.get(key);
    const limitBytes = memoryLimitBytes(readOptions.maxMemoryMB);
    let keep = true;
    if (known) {
      const entry = await known.catch(() => null);
      if (entry && entry.perClass >= perClass && entry.limitBytes <= limitBytes) {
        entries.delete(key!);
        entries.set(key!, known); // most recently used last
        return entry;
      }
      // Read again under a smaller limit: the entry read under the larger one stays for its callers.
      keep = !(entry && entry.limitBytes > limitBytes);
    }
    const size = Math.max(perClass, DATASET_PREVIEW_PER_CLASS);
    const pending = reader(ref, size, readOptions).then((preview) => toEntry(preview, size, limitBytes));
    if (key == null || !keep) return pending;
    entries.set(key, pending);
    pending.catch(() => {
      if (entries.get(key) === pending) entries.delete(key);
    });
    while (entries.size > capacity) entries.delete(entries.keys().next().value!);
    return pending;
  }

  return {
    // The cache keeps each file's own class names (renaming reads nothing); the ref's names go on the way out.
    async describe(ref, readOptions) {
      if (ref.kind === 'builtin' && (!ref.params || Object.keys(ref.params).length === 0)) {
        const listed = listBuiltinDatasets().find((descriptor) => descriptor.id === ref.id);
        if (listed) return listed;
      }
      return withClassNames((await read(ref, DATASET_PREVIEW_PER_CLASS, readOptions)).descriptor, ref);
    },
    async preview(ref, perClass, readOptions) {
      const entry = await read(ref, perClass, readOptions);
      const preview = entry.perClass === perClass ? entry.preview : cutPreview(entry.preview, perClass);
      return { ...preview, descriptor: withClassNames(preview.descriptor, ref) };
    },
  };
}

/**
 * The process's cache, through which the host's services and the CLI describe and preview data sets: the one way to
 * describe a set without keeping its samples (`datasets.describe`, the import check, `layerlab summary`). Built-in
 * sets with their default parameters come from the list without generating anything; with parameters, and imported
 * files, are read in full and checked once per version, so a bad file fails there, before training starts.
 */
export const { describe: describeDataset, preview: previewDataset } = createDatasetCache();

function toEntry(preview: DatasetPreview, perClass: number, limitBytes: number): Entry {
  return { descriptor: preview.descriptor, preview, perClass, limitBytes };
}

/** The first `perClass` samples of each class of a larger preview: what previewLoadedDataset would pick. */
function cutPreview(preview: DatasetPreview, perClass: number): DatasetPreview {
  const taken = new Map<number, number>();
  const samples = preview.samples.filter((sample) => {
    const count = taken.get(sample.classIndex) ?? 0;
    taken.set(sample.classIndex, count + 1);
    return count < perClass;
  });
  return { ...preview, samples };
}

/** The cache key, or null when the file can't be looked at (the importer then reports why). */
async function identity(ref: DatasetRef): Promise<string | null> {
  if (ref.kind === 'builtin') return JSON.stringify(['builtin', ref.id, sorted(ref.params)]);
  const path = resolve(ref.path);
  const files = [path, npyLabelsPath(path, ref.y)].filter((file): file is string => file != null);
  try {
    const versions = await Promise.all(
      files.map(async (file) => {
        const info = await stat(file);
        return [file, info.size, info.mtimeMs];
      }),
    );
    return JSON.stringify(['file', versions, ref.x ?? null, ref.y ?? null, sorted(ref.options)]);
  } catch {
    return null;
  }
}

function sorted(record: Record<string, unknown> | undefined): [string, unknown][] {
  return Object.entries(record ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
