import { describe, expect, it } from 'vitest';
import type { LoadedDataset } from './loaded-dataset';
import { splitDataset } from './split-dataset';

function dataset(counts: number[]): LoadedDataset {
  const labels = Int32Array.from(counts.flatMap((n, c) => new Array<number>(n).fill(c)));
  // Feature = sample index, so each sample can be traced through the split.
  const x = Float32Array.from(labels, (_, i) => i);
  return {
    descriptor: {
      id: 't',
      name: 't',
      description: '',
      inputShape: [1],
      classNames: counts.map((_, c) => String(c)),
      countsPerClass: counts,
      splits: { train: labels.length, validation: 0, test: 0 },
      valueRange: [0, labels.length],
      source: 'test',
    },
    x,
    labels,
    count: labels.length,
  };
}

describe('splitDataset', () => {
  it('holds out the same fraction of every class (stratified)', () => {
    const { train, validation } = splitDataset(dataset([100, 50, 30]), { validationSplit: 0.1, seed: 1 });
    const per = (labels: Int32Array) => [0, 1, 2].map((c) => labels.filter((l) => l === c).length);
    expect(per(validation.labels)).toEqual([10, 5, 3]);
    expect(per(train.labels)).toEqual([90, 45, 27]);
  });

  it('partitions the samples and keeps features with their labels', () => {
    const data = dataset([20, 20]);
    const { train, validation } = splitDataset(data, { validationSplit: 0.25, seed: 3 });
    const all = [...train.x, ...validation.x].sort((a, b) => a - b);
    expect(all).toEqual(Array.from(data.x));
    for (let i = 0; i < train.count; i++) expect(train.labels[i]).toBe(data.labels[train.x[i]]);
  });

  it('splits 300,000 samples of one class without overflowing the call stack', () => {
    // push(...members.slice(held)) threw "Maximum call stack size exceeded" from about 150,000 samples in one class.
    const { train, validation } = splitDataset(dataset([300_000]), { validationSplit: 0.1, seed: 1 });
    expect(validation.count).toBe(30_000);
    expect(train.count).toBe(270_000);
  });

  it('is repeatable per seed and differs across seeds', () => {
    const data = dataset([40, 40]);
    const a = splitDataset(data, { validationSplit: 0.1, seed: 5 });
    const b = splitDataset(data, { validationSplit: 0.1, seed: 5 });
    const c = splitDataset(data, { validationSplit: 0.1, seed: 6 });
    expect(a.validation.x).toEqual(b.validation.x);
    expect(a.validation.x).not.toEqual(c.validation.x);
  });

  it('uses a validation split that came with the data and passes the test split through', () => {
    const data = dataset([4, 4]);
    const validation = { x: Float32Array.of(1), labels: Int32Array.of(0), count: 1 };
    const test = { x: Float32Array.of(2), labels: Int32Array.of(1), count: 1 };
    const result = splitDataset({ ...data, validation, test }, { validationSplit: 0.5, seed: 1 });
    expect(result.validation).toBe(validation);
    expect(result.test).toBe(test);
    expect(result.train.count).toBe(8);
  });

  it('gives an empty validation split for 0 and rejects fractions outside [0, 1)', () => {
    expect(splitDataset(dataset([5, 5]), { validationSplit: 0, seed: 1 }).validation.count).toBe(0);
    expect(() => splitDataset(dataset([5]), { validationSplit: 1, seed: 1 })).toThrow(
      /validationSplit must be in \[0, 1\)/,
    );
  });
});
