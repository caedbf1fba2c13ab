import { basename, dirname, extname, resolve } from 'node:path';
import type { DatasetRef } from '../../shared/training/dataset';
import { DatasetError } from './dataset-error';
import { fileChunks, openDataFile, readExactly, type OpenDataFile } from './file-guard';
import { buildImportedDataset, checkFinite, MAX_CLASSES } from './imported-dataset';
import type { LoadedDataset, Split } from './loaded-dataset';
import { arrayBytes, type MemoryBudget } from './memory-budget';
import { decodeNpy, parseNpyStrings, readNpyHeader, type NpyHeader } from './npy-reader';
import { readZipDirectory, readZipEntry, zipEntryChunks, type RandomAccess, type ZipEntry } from './zip-reader';

type FileRef = Extract<DatasetRef, { kind: 'file' }>;

/** Array-name pairs tried in order when the ref doesn't name them; the first is the one numpy.savez gives. */
const DEFAULT_PAIRS: [string, string][] = [
  ['x_train', 'y_train'],
  ['arr_0', 'arr_1'],
  ['x', 'y'],
  ['X', 'y'],
  ['X', 'Y'],
  ['images', 'labels'],
  ['data', 'labels'],
  ['features', 'labels'],
];

/**
 * The second file a lone .npy reads its labels from when `y` names one (relative to the data file, `.npy` added when
 * missing), or null when the ref reads no second file. DatasetAccess and the dataset cache use the same rule.
 */
export function npyLabelsPath(path: string, y: string | undefined): string | null {
  if (!y || extname(path).toLowerCase() !== '.npy') return null;
  return resolve(dirname(path), y.endsWith('.npy') ? y : `${y}.npy`);
}

/**
 * Features: (N, ...) arrays; (N, H, W) images get a channel axis. uint8 is divided by 255 (value range [0, 1]), bool
 * becomes 0/1, every other dtype is kept as is (converted to float32). Labels: integer vectors (N,) or one-hot (N, K).
 * Arrays are decoded as they stream in, each reserved in `budget` from its header first.
 */
export async function importNumpy(ref: FileRef, budget: MemoryBudget): Promise<LoadedDataset> {
  const opened = await openDataFile(ref.path);
  try {
    return extname(ref.path).toLowerCase() === '.npz'
      ? await importNpz(ref, opened, budget)
      : await importNpy(ref, opened, budget);
  } finally {
    await opened.handle.close();
  }
}

/** The npz array holding the classes' names, in label order (text: NumPy's U or S dtype). */
export const CLASS_NAMES_ARRAY = 'class_names';
/** Largest class_names entry read (MAX_CLASSES names of a few hundred characters each). */
const MAX_CLASS_NAMES_BYTES = 1024 * 1024;

/** An array read from the file: features as float32, labels as float64 (whole numbers are checked exactly). */
interface NamedArray<T extends Float32Array | Float64Array> {
  name: string;
  shape: number[];
  /** uint8 features are scaled to [0, 1]. */
  scaled01: boolean;
  values: T;
}

async function importNpz(ref: FileRef, { handle, size }: OpenDataFile, budget: MemoryBudget): Promise<LoadedDataset> {
  const file = ref.path;
  const source: RandomAccess = { size, read: (offset, length) => readExactly(handle, file, offset, length) };
  const entries = await readZipDirectory(source, file);
  const byName = new Map(entries.map((e) => [e.name.replace(/\.npy$/, ''), e]));
  const names = [...byName.keys()];
  const entryOf = (name: string) => {
    const entry = byName.get(name);
    if (!entry) throw new DatasetError(`${file}: no array "${name}" (arrays: ${names.join(', ') || 'none'}).`, file);
    return entry;
  };
  async function load(name: string, target: 'float32'): Promise<NamedArray<Float32Array>>;
  async function load(name: string, target: 'float64'): Promise<NamedArray<Float64Array>>;
  async function load(name: string, target: 'float32' | 'float64'): Promise<NamedArray<Float32Array | Float64Array>> {
    const entry = entryOf(name);
    const options = {
      where: `${file}, array "${name}"`,
      file,
      totalBytes: entry.uncompressedSize,
      budget,
      label: `array "${name}"`,
    };
    const chunks = zipEntryChunks(source, entry, file);
    const { header, values } =
      target === 'float32' ? await decodeNpy(chunks, 'float32', options) : await decodeNpy(chunks, 'float64', options);
    return named(name, header, values, target === 'float32');
  }
  let pair: [string, string] | undefined;
  if (ref.x || ref.y) {
    pair = [ref.x ?? 'x', ref.y ?? 'y'];
  } else {
    pair = DEFAULT_PAIRS.find(([x, y]) => byName.has(x) && byName.has(y));
    if (!pair) {
      throw new DatasetError(
        `${file}: cannot tell which arrays hold features and labels (arrays: ${names.join(', ') || 'none'}); name them (x / y).`,
        file,
      );
    }
  }
  const [xName, yName] = pair;
  // x_train/y_train come with x_test/y_test (Keras' layout): keep that test split as the test split.
  const companion = (suffix: string): [string, string] | null => {
    if (!xName.endsWith('_train') || !yName.endsWith('_train')) return null;
    const names2: [string, string] = [xName.replace(/_train$/, suffix), yName.replace(/_train$/, suffix)];
    return byName.has(names2[0]) && byName.has(names2[1]) ? names2 : null;
  };
  const testNames = companion('_test');
  const valNames = companion('_val') ?? companion('_valid') ?? companion('_validation');
  // What every array of the load will take is checked against the budget from their headers (the first bytes of
  // each entry) before any is inflated; decoding then reserves each for real as it goes.
  const pairs = [pair, testNames, valNames].filter((p): p is [string, string] => p != null);
  let needed = 0;
  for (const [x, y] of pairs) {
    const [xHeader, yHeader] = [
      await peekNpyHeader(source, entryOf(x), file),
      await peekNpyHeader(source, entryOf(y), file),
    ];
    needed += arrayBytes(xHeader.elements, 4) + arrayBytes(yHeader.elements, 8) + arrayBytes(yHeader.shape[0] ?? 0, 4);
  }
  const arrays = pairs.flat().map((name) => `"${name}"`);
  budget.check(needed, `array${arrays.length > 1 ? 's' : ''} ${arrays.join(', ')} (features as float32, labels)`, file);
  const loadPair = async ([x, y]: [string, string]) => ({ x: await load(x, 'float32'), y: await load(y, 'float64') });
  const train = await loadPair(pair);
  const test = testNames ? await loadPair(testNames) : undefined;
  const validation = valNames ? await loadPair(valNames) : undefined;
  // The classes' names, when the archive carries them: np.savez(..., class_names=['cat', 'dog', ...]).
  const namesEntry = byName.get(CLASS_NAMES_ARRAY);
  let givenNames: string[] | undefined;
  if (namesEntry) {
    if (namesEntry.uncompressedSize > MAX_CLASS_NAMES_BYTES) {
      throw new DatasetError(
        `${file}: array "${CLASS_NAMES_ARRAY}" is ${namesEntry.uncompressedSize} bytes, more than a list of class names can be (${MAX_CLASS_NAMES_BYTES}).`,
        file,
      );
    }
    const where = `${file}, array "${CLASS_NAMES_ARRAY}"`;
    givenNames = parseNpyStrings(await readZipEntry(source, namesEntry, file), where, file);
  }
  return assemble(file, budget, train, test, validation, givenNames);
}

/** The decoded array; uint8 features (`scale`) are divided by 255, in place. */
/** The header of an array in the archive, from the first inflated bytes of its entry. */
async function peekNpyHeader(source: RandomAccess, entry: ZipEntry, file: string): Promise<NpyHeader> {
  const where = `${file}, array "${entry.name.replace(/\.npy$/, '')}"`;
  let prefix = new Uint8Array(0);
  for await (const chunk of zipEntryChunks(source, entry, file)) {
    const joined = new Uint8Array(prefix.length + chunk.length);
    joined.set(prefix);
    joined.set(chunk, prefix.length);
    prefix = joined;
    const header = readNpyHeader(prefix, where, file);
    if (header) return header;
  }
  const header = readNpyHeader(prefix, where, file);
  if (header) return header;
  throw new DatasetError(`${where}: truncated .npy header.`, file);
}

function named<T extends Float32Array | Float64Array>(
  name: string,
  header: NpyHeader,
  values: T,
  scale: boolean,
): NamedArray<T> {
  const scaled01 = scale && header.kind === 'u' && header.itemSize === 1;
  if (scaled01) for (let i = 0; i < values.length; i++) values[i] /= 255;
  return { name, shape: header.shape, scaled01, values };
}

async function readNpyFile(
  path: string,
  opened: OpenDataFile,
  budget: MemoryBudget,
  target: 'float32' | 'float64',
): Promise<{ header: NpyHeader; values: Float32Array | Float64Array }> {
  const options = { where: path, file: path, totalBytes: opened.size, budget, label: 'the array' };
  const chunks = fileChunks(opened.handle, path, 0, opened.size);
  return target === 'float32' ? decodeNpy(chunks, 'float32', options) : decodeNpy(chunks, 'float64', options);
}

async function importNpy(ref: FileRef, opened: OpenDataFile, budget: MemoryBudget): Promise<LoadedDataset> {
  const file = ref.path;
  if (ref.y) {
    // A lone .npy holds one array: labels come from a second .npy named by `y` (relative to the first).
    const x = await readNpyFile(file, opened, budget, 'float32');
    const yPath = npyLabelsPath(file, ref.y)!;
    const labelsFile = await openDataFile(yPath);
    try {
      const y = await readNpyFile(yPath, labelsFile, budget, 'float64');
      return assemble(file, budget, {
        x: named(basename(file), x.header, x.values as Float32Array, true),
        y: named(basename(yPath), y.header, y.values as Float64Array, false),
      });
    } finally {
      await labelsFile.handle.close();
    }
  }
  const { header, values } = await readNpyFile(file, opened, budget, 'float32');
  if (header.shape.length !== 2 || header.shape[1] < 2) {
    throw new DatasetError(
      `${file}: a single .npy must be a 2-D table whose last column is the label (shape is (${header.shape.join(', ')})); or give the labels file as y.`,
      file,
    );
  }
  // A 2-D table: the last column is the label, like CSV. The features are packed in place, row by row (each row
  // moves to an earlier or the same offset), so the table is never copied.
  const [n, cols] = header.shape;
  const width = cols - 1;
  budget.reserve(arrayBytes(n, 8), `the labels of ${n.toLocaleString('en-US')} rows`, file);
  const labels = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = values[i * cols + width];
    values.copyWithin(i * width, i * cols, i * cols + width);
  }
  const features = (values as Float32Array).subarray(0, n * width);
  checkFinite(features, width, file, 'the feature columns');
  const classes = { count: 0 };
  const split = { x: features, labels: intLabels(labels, n, file, 'the last column', classes), count: n };
  return buildImportedDataset({
    file,
    inputShape: [width],
    classNames: classNames(classes.count),
    train: split,
    description: `Imported from ${basename(file)}`,
  });
}

function classNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => String(i));
}

function features(
  item: NamedArray<Float32Array>,
  file: string,
): { x: Float32Array; inputShape: number[]; count: number } {
  const { shape, name } = item;
  if (shape.length === 0)
    throw new DatasetError(`${file}: array "${name}" is a scalar, expected (samples, ...).`, file);
  const [count, ...rest] = shape;
  let inputShape = rest.length === 0 ? [1] : rest;
  if (rest.length === 2) inputShape = [...rest, 1];
  if (inputShape.some((d) => d === 0))
    throw new DatasetError(`${file}: array "${name}" has an empty sample shape (${shape.join(', ')}).`, file);
  const width = inputShape.reduce((a, b) => a * b, 1);
  checkFinite(item.values, width, file, `array "${name}"`);
  return { x: item.values, inputShape, count };
}

/** Integer labels must be whole and ≥ 0; one-hot rows must have exactly one 1. `classes.count` grows to max+1. */
function intLabels(
  values: Float64Array,
  count: number,
  file: string,
  what: string,
  classes: { count: number },
): Int32Array {
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const v = values[i];
    if (!Number.isInteger(v) || v < 0 || v >= MAX_CLASSES) {
      throw new DatasetError(
        `${file}: ${what} has label ${v} at sample ${i}; labels must be whole numbers from 0 to ${MAX_CLASSES - 1}.`,
        file,
      );
    }
    labels[i] = v;
    if (v + 1 > classes.count) classes.count = v + 1;
  }
  return labels;
}

function labelsOf(item: NamedArray<Float64Array>, count: number, file: string, classes: { count: number }): Int32Array {
  const { shape, name, values } = item;
  const what = `array "${name}"`;
  const n = shape[0] ?? 0;
  if (n !== count)
    throw new DatasetError(`${file}: ${what} has ${n} labels but the features have ${count} samples.`, file);
  if (shape.length === 1 || (shape.length === 2 && shape[1] === 1))
    return intLabels(values, count, file, what, classes);
  if (shape.length !== 2)
    throw new DatasetError(
      `${file}: ${what} has shape (${shape.join(', ')}); labels must be (N,) or one-hot (N, K).`,
      file,
    );
  const k = shape[1];
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    let hot = -1;
    for (let j = 0; j < k; j++) {
      const v = values[i * k + j];
      if (v === 1 && hot < 0) hot = j;
      else if (v !== 0) {
        throw new DatasetError(
          `${file}: ${what} row ${i} is not one-hot (each row needs exactly one 1, the rest 0).`,
          file,
        );
      }
    }
    if (hot < 0) throw new DatasetError(`${file}: ${what} row ${i} is not one-hot (no 1 in the row).`, file);
    labels[i] = hot;
  }
  classes.count = Math.max(classes.count, k);
  return labels;
}

type ArrayPair = { x: NamedArray<Float32Array>; y: NamedArray<Float64Array> };

function assemble(
  file: string,
  budget: MemoryBudget,
  train: ArrayPair,
  test?: ArrayPair,
  validation?: ArrayPair,
  names?: string[],
): LoadedDataset {
  const classes = { count: 0 };
  const build = (pair: ArrayPair, expectShape?: number[]): Split & { inputShape: number[]; scaled01: boolean } => {
    const f = features(pair.x, file);
    if (expectShape && f.inputShape.join(',') !== expectShape.join(',')) {
      throw new DatasetError(
        `${file}: array "${pair.x.name}" has samples of shape (${f.inputShape.join(', ')}), the training array (${expectShape.join(', ')}).`,
        file,
      );
    }
    budget.reserve(arrayBytes(f.count, 4), `the class indices of array "${pair.y.name}"`, file);
    return {
      x: f.x,
      labels: labelsOf(pair.y, f.count, file, classes),
      count: f.count,
      inputShape: f.inputShape,
      scaled01: pair.x.scaled01,
    };
  };
  const tr = build(train);
  const te = test ? build(test, tr.inputShape) : undefined;
  const va = validation ? build(validation, tr.inputShape) : undefined;
  const strip = (s: Split): Split => ({ x: s.x, labels: s.labels, count: s.count });
  if (names && names.length < classes.count) {
    throw new DatasetError(
      `${file}: array "${CLASS_NAMES_ARRAY}" names ${names.length} classes, but the labels go up to ${classes.count - 1}.`,
      file,
    );
  }
  return buildImportedDataset({
    file,
    inputShape: tr.inputShape,
    classNames: names ?? classNames(classes.count),
    train: strip(tr),
    ...(te ? { test: strip(te) } : {}),
    ...(va ? { validation: strip(va) } : {}),
    ...(tr.scaled01 ? { valueRange: [0, 1] as [number, number] } : {}),
    description: `Imported from ${basename(file)} (features "${train.x.name}", labels "${train.y.name}")`,
  });
}
