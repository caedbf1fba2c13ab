import { DatasetError } from './dataset-error';
import type { LoadedDataset, Split } from './loaded-dataset';
import { createRandom, shuffleInPlace } from '../../shared/seeded-random';

export interface SplitOptions {
  /** Fraction of each class held out for validation, in [0, 1); ignored when the data set has its own validation split. */
  validationSplit: number;
  /** Same seed → same split. */
  seed: number;
}

function take(data: Split, indices: Int32Array, width: number): Split {
  const x = new Float32Array(indices.length * width);
  const labels = new Int32Array(indices.length);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    x.set(data.x.subarray(i * width, (i + 1) * width), k * width);
    labels[k] = data.labels[i];
  }
  return { x, labels, count: indices.length };
}

/**
 * Train/validation split, stratified: each class gives round(n_c · validationSplit) of its samples to validation, chosen
 * by a seeded shuffle, so class proportions match in both halves. Both halves are shuffled (seeded) so batches mix
 * classes. A test split that came with the data is passed through untouched.
 */
export function splitDataset(
  data: LoadedDataset,
  options: SplitOptions,
): { train: Split; validation: Split; test?: Split } {
  const { validationSplit, seed } = options;
  if (data.validation) return { train: data, validation: data.validation, ...(data.test ? { test: data.test } : {}) };
  if (!(validationSplit >= 0 && validationSplit < 1)) {
    throw new DatasetError(`validationSplit must be in [0, 1), got ${validationSplit}.`);
  }
  const width = data.count > 0 ? data.x.length / data.count : 0;
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < data.count; i++) {
    const label = data.labels[i];
    let list = byClass.get(label);
    if (!list) byClass.set(label, (list = []));
    list.push(i);
  }
  const random = createRandom(seed);
  const train: number[] = [];
  const validation: number[] = [];
  for (const label of [...byClass.keys()].sort((a, b) => a - b)) {
    const members = byClass.get(label)!;
    shuffleInPlace(members, random.next);
    const held = Math.round(members.length * validationSplit);
    validation.push(...members.slice(0, held));
    train.push(...members.slice(held));
  }
  const trainIdx = Int32Array.from(train);
  const valIdx = Int32Array.from(validation);
  shuffleInPlace(trainIdx, random.next);
  shuffleInPlace(valIdx, random.next);
  return {
    train: take(data, trainIdx, width),
    validation: take(data, valIdx, width),
    ...(data.test ? { test: data.test } : {}),
  };
}
