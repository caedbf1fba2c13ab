import { open, readFile } from 'node:fs/promises';
import { basename, dirname, extname, resolve } from 'node:path';
import type { DatasetRef } from '../../shared/training/dataset';
import { DatasetError } from './dataset-error';
import { statDataPath } from './file-guard';
import { buildImportedDataset, checkFinite, MAX_CLASSES } from './imported-dataset';
import type { LoadedDataset, Split } from './loaded-dataset';
import { npyToFloat64, parseNpy, parseNpyStrings, type NpyArray } from './npy-reader';
import { readZipDirectory, readZipEntry, type RandomAccess } from './zip-reader';

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

/** The npz array holding the classes' names, in label order (text: NumPy's U or S dtype). */
export const CLASS_NAMES_ARRAY = 'class_names';

interface NamedArray {
  name: string;
  array: NpyArray;
}

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
 */
export async function importNumpy(ref: FileRef, size: number): Promise<LoadedDataset> {
  return extname(ref.path).toLowerCase() === '.npz' ? importNpz(ref, size) : importNpy(ref);
}

async function importNpz(ref: FileRef, size: number): Promise<LoadedDataset> {
  const file = ref.path;
  const handle = await open(file, 'r');
  try {
    const source: RandomAccess = {
      size,
      async read(offset, length) {
        const buffer = new Uint8Array(length);
        const { bytesRead } = await handle.read(buffer, 0, length, offset);
        if (bytesRead !== length) throw new DatasetError(`${file}: unexpected end of file (truncated archive?).`, file);
        return buffer;
      },
    };
    const entries = await readZipDirectory(source, file);
    const byName = new Map(entries.map((e) => [e.name.replace(/\.npy$/, ''), e]));
    const names = [...byName.keys()];
    const load = async (name: string): Promise<NamedArray> => {
      const entry = byName.get(name);
      if (!entry) throw new DatasetError(`${file}: no array "${name}" (arrays: ${names.join(', ') || 'none'}).`, file);
      return { name, array: parseNpy(await readZipEntry(source, entry, file), `${file}, array "${name}"`, file) };
    };
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
    const train = { x: await load(xName), y: await load(yName) };
    // x_train/y_train come with x_test/y_test (Keras' layout): keep that test split as the test split.
    const companion = (suffix: string): [string, string] | null => {
      if (!xName.endsWith('_train') || !yName.endsWith('_train')) return null;
      const names2: [string, string] = [xName.replace(/_train$/, suffix), yName.replace(/_train$/, suffix)];
      return byName.has(names2[0]) && byName.has(names2[1]) ? names2 : null;
    };
    const testNames = companion('_test');
    const valNames = companion('_val') ?? companion('_valid') ?? companion('_validation');
    const test = testNames ? { x: await load(testNames[0]), y: await load(testNames[1]) } : undefined;
    const validation = valNames ? { x: await load(valNames[0]), y: await load(valNames[1]) } : undefined;
    // The classes' names, when the archive carries them: np.savez(..., class_names=['cat', 'dog', ...]).
    const namesEntry = byName.get(CLASS_NAMES_ARRAY);
    const givenNames = namesEntry
      ? parseNpyStrings(await readZipEntry(source, namesEntry, file), `${file}, array "${CLASS_NAMES_ARRAY}"`, file)
      : undefined;
    return assemble(file, train, test, validation, givenNames);
  } finally {
    await handle.close();
  }
}

async function importNpy(ref: FileRef): Promise<LoadedDataset> {
  const file = ref.path;
  const read = async (path: string): Promise<NpyArray> => {
    await statDataPath(path);
    const bytes = await readFile(path);
    return parseNpy(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), path, path);
  };
  const x = await read(file);
  if (ref.y) {
    // A lone .npy holds one array: labels come from a second .npy named by `y` (relative to the first).
    const yPath = npyLabelsPath(file, ref.y)!;
    const y = await read(yPath);
    return assemble(file, { x: { name: basename(file), array: x }, y: { name: basename(yPath), array: y } });
  }
  if (x.shape.length !== 2 || x.shape[1] < 2) {
    throw new DatasetError(
      `${file}: a single .npy must be a 2-D table whose last column is the label (shape is (${x.shape.join(', ')})); or give the labels file as y.`,
      file,
    );
  }
  // A 2-D table: the last column is the label, like CSV.
  const [n, cols] = x.shape;
  const values = npyToFloat64(x);
  const features = new Float32Array(n * (cols - 1));
  const labels = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < cols - 1; j++) features[i * (cols - 1) + j] = values[i * cols + j];
    labels[i] = values[i * cols + cols - 1];
  }
  checkFinite(features, cols - 1, file, 'the feature columns');
  const classes = { count: 0 };
  const split = { x: features, labels: intLabels(labels, n, file, 'the last column', classes), count: n };
  return buildImportedDataset({
    file,
    inputShape: [cols - 1],
    classNames: classNames(classes.count),
    train: split,
    description: `Imported from ${basename(file)}`,
  });
}

function classNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => String(i));
}

function features(
  item: NamedArray,
  file: string,
): { x: Float32Array; inputShape: number[]; count: number; scaled01: boolean } {
  const { array, name } = item;
  if (array.shape.length === 0)
    throw new DatasetError(`${file}: array "${name}" is a scalar, expected (samples, ...).`, file);
  const [count, ...rest] = array.shape;
  let inputShape = rest.length === 0 ? [1] : rest;
  if (rest.length === 2) inputShape = [...rest, 1];
  if (inputShape.some((d) => d === 0))
    throw new DatasetError(`${file}: array "${name}" has an empty sample shape (${array.shape.join(', ')}).`, file);
  const values = npyToFloat64(array);
  const scaled01 = array.kind === 'u' && array.itemSize === 1;
  const x = new Float32Array(values.length);
  if (scaled01) for (let i = 0; i < x.length; i++) x[i] = values[i] / 255;
  else x.set(values);
  const width = inputShape.reduce((a, b) => a * b, 1);
  checkFinite(x, width, file, `array "${name}"`);
  return { x, inputShape, count, scaled01 };
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

function labelsOf(item: NamedArray, count: number, file: string, classes: { count: number }): Int32Array {
  const { array, name } = item;
  const what = `array "${name}"`;
  const n = array.shape[0] ?? 0;
  if (n !== count)
    throw new DatasetError(`${file}: ${what} has ${n} labels but the features have ${count} samples.`, file);
  const values = npyToFloat64(array);
  if (array.shape.length === 1 || (array.shape.length === 2 && array.shape[1] === 1))
    return intLabels(values, count, file, what, classes);
  if (array.shape.length !== 2)
    throw new DatasetError(
      `${file}: ${what} has shape (${array.shape.join(', ')}); labels must be (N,) or one-hot (N, K).`,
      file,
    );
  const k = array.shape[1];
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

function assemble(
  file: string,
  train: { x: NamedArray; y: NamedArray },
  test?: { x: NamedArray; y: NamedArray },
  validation?: { x: NamedArray; y: NamedArray },
  names?: string[],
): LoadedDataset {
  const classes = { count: 0 };
  const build = (
    pair: { x: NamedArray; y: NamedArray },
    expectShape?: number[],
  ): Split & { inputShape: number[]; scaled01: boolean } => {
    const f = features(pair.x, file);
    if (expectShape && f.inputShape.join(',') !== expectShape.join(',')) {
      throw new DatasetError(
        `${file}: array "${pair.x.name}" has samples of shape (${f.inputShape.join(', ')}), the training array (${expectShape.join(', ')}).`,
        file,
      );
    }
    return {
      x: f.x,
      labels: labelsOf(pair.y, f.count, file, classes),
      count: f.count,
      inputShape: f.inputShape,
      scaled01: f.scaled01,
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
