import { basename } from 'node:path';
import { DatasetError } from './dataset-error';
import type { LoadedDataset, Split } from './loaded-dataset';

/** Most classes an imported file may have: beyond this a label is almost surely a feature column or garbage. */
export const MAX_CLASSES = 1000;

/** Fails on NaN or ±Infinity, naming the sample: training on them only produces NaN losses much later. */
export function checkFinite(x: Float32Array, width: number, file: string, what: string): void {
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) {
      const sample = Math.floor(i / Math.max(1, width));
      throw new DatasetError(
        `${file}: ${what} has ${x[i]} at sample ${sample} (feature ${i - sample * width}); features must be finite numbers.`,
        file,
      );
    }
  }
}

/** Checks labels are 0..classes-1 and as many as the samples. */
export function checkLabels(split: Split, classes: number, file: string, what: string): void {
  if (split.labels.length !== split.count) {
    throw new DatasetError(`${file}: ${what} has ${split.labels.length} labels for ${split.count} samples.`, file);
  }
  for (let i = 0; i < split.labels.length; i++) {
    const label = split.labels[i];
    if (label < 0 || label >= classes) {
      throw new DatasetError(
        `${file}: ${what} label ${label} of sample ${i} is out of range (classes 0..${classes - 1}).`,
        file,
      );
    }
  }
}

function range(splits: Split[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of splits) {
    for (const v of s.x) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : [0, 0];
}

/** Assembles the LoadedDataset and its descriptor for a file import. `valueRange` defaults to the data's min/max. */
export function buildImportedDataset(options: {
  file: string;
  inputShape: number[];
  classNames: string[];
  train: Split;
  test?: Split;
  validation?: Split;
  valueRange?: [number, number];
  description: string;
}): LoadedDataset {
  const { file, inputShape, classNames, train, test, validation } = options;
  const splits = [train, validation, test].filter((s): s is Split => s !== undefined);
  const counts = new Array<number>(classNames.length).fill(0);
  for (const s of splits) {
    checkLabels(
      s,
      classNames.length,
      file,
      s === train ? 'training data' : s === test ? 'test data' : 'validation data',
    );
    for (const label of s.labels) counts[label]++;
  }
  if (train.count === 0) throw new DatasetError(`${file}: no samples.`, file);
  return {
    descriptor: {
      id: `file:${basename(file)}`,
      name: basename(file),
      description: options.description,
      inputShape,
      classNames,
      countsPerClass: counts,
      splits: { train: train.count, validation: validation?.count ?? 0, test: test?.count ?? 0 },
      valueRange: options.valueRange ?? range(splits),
      source: file,
    },
    ...train,
    ...(test ? { test } : {}),
    ...(validation ? { validation } : {}),
  };
}
