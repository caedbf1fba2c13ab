import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetError } from './dataset-error';
import { loadDataset } from './load-dataset';
import { createRandom } from '../../shared/seeded-random';
import { encodeNpy, encodeNpz, type NpyInput } from './test-support/npy-writer';

const dir = mkdtempSync(join(tmpdir(), 'layerlab-npz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function npz(name: string, arrays: Record<string, NpyInput>, options?: { method?: 0 | 8; zip64?: boolean }): string {
  const path = join(dir, name);
  writeFileSync(path, encodeNpz(arrays, options));
  return path;
}

const load = (path: string, extra: { x?: string; y?: string } = {}) => loadDataset({ kind: 'file', path, ...extra });

describe('npz import', () => {
  it("loads the course's data_with_labels.npz layout: arr_0 uint8 (N,36,36), arr_1 uint8 (N,)", async () => {
    const n = 10;
    const random = createRandom(3);
    const pixels = Array.from({ length: n * 36 * 36 }, () => random.int(256));
    const labels = Array.from({ length: n }, (_, i) => i % 5);
    const path = npz('data_with_labels.npz', {
      arr_0: { descr: '|u1', shape: [n, 36, 36], values: pixels },
      arr_1: { descr: '|u1', shape: [n], values: labels },
    });
    const data = await load(path);
    expect(data.descriptor.inputShape).toEqual([36, 36, 1]);
    expect(data.descriptor.classNames).toEqual(['0', '1', '2', '3', '4']);
    expect(data.descriptor.valueRange).toEqual([0, 1]);
    expect(data.descriptor.countsPerClass).toEqual([2, 2, 2, 2, 2]);
    expect(data.count).toBe(n);
    expect(data.x.length).toBe(n * 1296);
    expect(data.x[0]).toBeCloseTo(pixels[0] / 255, 6);
    expect(data.x[1000]).toBeCloseTo(pixels[1000] / 255, 6);
    expect(Array.from(data.labels)).toEqual(labels);
    expect(data.test).toBeUndefined();
  });

  it('keeps x_test/y_test as the test split (deflated, one-hot labels)', async () => {
    const path = npz(
      'keras.npz',
      {
        x_train: { descr: '<f4', shape: [4, 2], values: [0, 1, 2, 3, 4, 5, 6, 7] },
        y_train: { descr: '<f4', shape: [4, 3], values: [1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0] },
        x_test: { descr: '<f4', shape: [2, 2], values: [8, 9, 10, 11] },
        y_test: { descr: '<f4', shape: [2, 3], values: [0, 0, 1, 1, 0, 0] },
      },
      { method: 8 },
    );
    const data = await load(path);
    expect(Array.from(data.labels)).toEqual([0, 1, 2, 1]);
    expect(data.test?.count).toBe(2);
    expect(Array.from(data.test!.labels)).toEqual([2, 0]);
    expect(Array.from(data.test!.x)).toEqual([8, 9, 10, 11]);
    expect(data.descriptor.splits).toEqual({ train: 4, validation: 0, test: 2 });
    expect(data.descriptor.valueRange).toEqual([0, 11]);
  });

  it('reads big-endian f8 features, Fortran order and named arrays from a ZIP64 archive', async () => {
    const values = [0.5, -1, 2.25, 3, 4, 5];
    const path = npz(
      'named.npz',
      {
        feats: { descr: '>f8', shape: [3, 2], values, fortranOrder: true },
        target: { descr: '<i8', shape: [3], values: [2, 0, 1] },
      },
      { zip64: true, method: 8 },
    );
    const data = await load(path, { x: 'feats', y: 'target' });
    expect(Array.from(data.x)).toEqual(values);
    expect(Array.from(data.labels)).toEqual([2, 0, 1]);
    expect(data.descriptor.inputShape).toEqual([2]);
  });

  it('names the arrays when it cannot guess them', async () => {
    const path = npz('odd.npz', { a: { descr: '<f4', shape: [1], values: [1] } });
    await expect(load(path)).rejects.toThrow(/odd\.npz: cannot tell which arrays .* \(arrays: a\)/);
    await expect(load(path, { x: 'a', y: 'b' })).rejects.toThrow(/odd\.npz: no array "b" \(arrays: a\)/);
  });

  it.each([
    [
      'label count ≠ sample count',
      { descr: '|u1', shape: [3], values: [0, 1, 1] },
      /array "y" has 3 labels but the features have 2 samples/,
    ],
    ['a negative label', { descr: '<i4', shape: [2], values: [0, -1] }, /array "y" has label -1 at sample 1/],
    ['a fractional label', { descr: '<f8', shape: [2], values: [0, 0.5] }, /label 0\.5 at sample 1/],
    [
      'a label out of range',
      { descr: '<i4', shape: [2], values: [0, 5000] },
      /label 5000 at sample 1; labels must be whole numbers from 0 to 999/,
    ],
    [
      'a row that is not one-hot',
      { descr: '<f4', shape: [2, 2], values: [1, 0, 1, 1] },
      /array "y" row 1 is not one-hot/,
    ],
  ])('rejects %s', async (_label, y, message) => {
    const path = npz('bad-labels.npz', { x: { descr: '<f4', shape: [2, 1], values: [1, 2] }, y: y as NpyInput });
    const error = await load(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as DatasetError).file).toBe(path);
    expect((error as Error).message).toMatch(message);
  });

  it.each([NaN, Infinity, -Infinity])('rejects %s in features, naming array and sample', async (bad) => {
    const path = npz('nan.npz', {
      x: { descr: '<f8', shape: [3, 2], values: [0, 1, 2, 3, bad, 5] },
      y: { descr: '|u1', shape: [3], values: [0, 1, 0] },
    });
    await expect(load(path)).rejects.toThrow(
      new RegExp(`nan\\.npz: array "x" has ${String(bad)} at sample 2 \\(feature 0\\)`),
    );
  });

  it('rejects an array whose header lies, naming the file and array', async () => {
    const path = join(dir, 'lies.npz');
    writeFileSync(
      path,
      encodeNpz({
        x: { descr: '<f8', shape: [2, 2], values: [1, 2, 3, 4], headerShape: [20, 2] },
        y: { descr: '|u1', shape: [2], values: [0, 1] },
      }),
    );
    await expect(load(path)).rejects.toThrow(/lies\.npz, array "x": header says shape \(20, 2\)/);
  });

  it('rejects a truncated archive and a file that is not a zip', async () => {
    const bytes = encodeNpz({
      x: { descr: '<f8', shape: [2], values: [1, 2] },
      y: { descr: '|u1', shape: [2], values: [0, 1] },
    });
    const truncated = join(dir, 'truncated.npz');
    writeFileSync(truncated, bytes.subarray(0, bytes.length - 40));
    await expect(load(truncated)).rejects.toThrow(/truncated\.npz: not a valid \.npz \(zip\) archive/);
    const text = join(dir, 'text.npz');
    writeFileSync(text, 'this is not a zip file at all, just some words');
    await expect(load(text)).rejects.toThrow(DatasetError);
  });

  it('refuses a file over the size limit without reading it (sparse 2 GiB file)', async () => {
    const path = join(dir, 'huge.npz');
    await writeFile(path, '');
    await truncate(path, 2 * 1024 ** 3);
    await expect(load(path)).rejects.toThrow(/huge\.npz: file is too large \(2\.00 GiB; the limit is 1 GiB\)/);
  });
});

describe('npy import', () => {
  it('reads a 2-D table whose last column is the label', async () => {
    const path = join(dir, 'table.npy');
    writeFileSync(path, encodeNpy({ descr: '<f8', shape: [3, 3], values: [0.1, 0.2, 1, 0.3, 0.4, 0, 0.5, 0.6, 1] }));
    const data = await load(path);
    expect(data.descriptor.inputShape).toEqual([2]);
    expect(Array.from(data.labels)).toEqual([1, 0, 1]);
    expect(data.x[2]).toBeCloseTo(0.3, 6);
  });

  it('takes labels from a second .npy given as y', async () => {
    writeFileSync(
      join(dir, 'images.npy'),
      encodeNpy({ descr: '|u1', shape: [2, 4, 4], values: new Array(32).fill(255) }),
    );
    writeFileSync(join(dir, 'labels.npy'), encodeNpy({ descr: '<i2', shape: [2], values: [1, 0] }));
    const data = await load(join(dir, 'images.npy'), { y: 'labels' });
    expect(data.descriptor.inputShape).toEqual([4, 4, 1]);
    expect(data.x[0]).toBe(1);
    expect(Array.from(data.labels)).toEqual([1, 0]);
  });

  it('explains what a lone image .npy lacks', async () => {
    await expect(load(join(dir, 'images.npy'))).rejects.toThrow(/images\.npy: a single \.npy must be a 2-D table/);
  });
});
