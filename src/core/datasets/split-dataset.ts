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

/** Sample indices per class, in ascending class order and, within a class, in file order. */
function samplesByClass(labels: Int32Array, count: number): Map<number, Int32Array> {
  const sizes = new Map<number, number>();
  for (let i = 0; i < count; i++) sizes.set(labels[i], (sizes.get(labels[i]) ?? 0) + 1);
  const byClass = new Map<number, Int32Array>();
  for (const label of [...sizes.keys()].sort((a, b) => a - b)) byClass.set(label, new Int32Array(sizes.get(label)!));
  const filled = new Map<number, number>();
  for (let i = 0; i < count; i++) {
    const at = filled.get(labels[i]) ?? 0;
    byClass.get(labels[i])![at] = i;
    filled.set(labels[i], at + 1);
  }
  return byClass;
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
  // Typed arrays and copies, never push(...spread): a class of 150,000 samples overflowed the call stack.
  const byClass = samplesByClass(data.labels, data.count);
  const random = createRandom(seed);
  const held = [...byClass.values()].map((members) => Math.round(members.length * validationSplit));
  const valCount = held.reduce((sum, n) => sum + n, 0);
  const trainIdx = new Int32Array(data.count - valCount);
  const valIdx = new Int32Array(valCount);
  let trainAt = 0;
  let valAt = 0;
  [...byClass.values()].forEach((members, c) => {
    shuffleInPlace(members, random.next);
    valIdx.set(members.subarray(0, held[c]), valAt);
    trainIdx.set(members.subarray(held[c]), trainAt);
    valAt += held[c];
    trainAt += members.length - held[c];
  });
  shuffleInPlace(trainIdx, random.next);
  shuffleInPlace(valIdx, random.next);
  return {
    train: take(data, trainIdx, width),
    validation: take(data, valIdx, width),
    ...(data.test ? { test: data.test } : {}),
  };
}
