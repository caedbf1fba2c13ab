import { open, readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetError } from './dataset-error';
import { loadDataset } from './load-dataset';
import { npyToFloat64, parseNpy, parseNpyStrings } from './npy-reader';
import { readZipDirectory, readZipEntry, type RandomAccess } from './zip-reader';

/**
 * The readers against files numpy wrote itself (scripts/generate-numpy-fixtures.py), not against our own test
 * writer: the expected values are numpy's, from the manifest written beside the files.
 */
const FIXTURES = join(__dirname, 'fixtures', 'numpy');

interface ArrayFacts {
  dtype: string;
  shape: number[];
  fortranOrder: boolean;
  /** C order, as numpy's tolist gives them (booleans as true/false). */
  values: (number | boolean | string)[];
}

const manifest = JSON.parse(readFileSync(join(FIXTURES, 'manifest.json'), 'utf8')) as {
  numpy: string;
  npy: Record<string, ArrayFacts>;
  npz: Record<string, { compressed: boolean; arrays: Record<string, ArrayFacts> }>;
  unsupported: Record<string, { dtype: string }>;
};

const numbers = (facts: ArrayFacts) => facts.values.map(Number);
const fixture = (name: string) => join(FIXTURES, name);

function expectArray(bytes: Uint8Array, facts: ArrayFacts, where: string): void {
  if (/^[<>|=][US]\d+$/.test(facts.dtype)) {
    // Text (class names): read as strings, every value as numpy wrote it.
    expect(parseNpyStrings(bytes, where, where)).toEqual(facts.values);
    return;
  }
  const array = parseNpy(bytes, where, where);
  expect(array.shape).toEqual(facts.shape);
  expect(array.fortranOrder).toBe(facts.fortranOrder);
  expect(array.littleEndian).toBe(!facts.dtype.startsWith('>'));
  expect(Array.from(npyToFloat64(array))).toEqual(numbers(facts));
}

async function fileAccess(path: string): Promise<RandomAccess & { close(): Promise<void> }> {
  const handle = await open(path, 'r');
  const { size } = await handle.stat();
  return {
    size,
    async read(offset, length) {
      const buffer = new Uint8Array(length);
      await handle.read(buffer, 0, length, offset);
      return buffer;
    },
    close: () => handle.close(),
  };
}

describe(`.npy files written by numpy ${manifest.numpy}`, () => {
  it('covers big-endian, Fortran order, bool, int64, uint8, float64, 0-d, 1-d and empty arrays', () => {
    const facts = Object.values(manifest.npy);
    expect(facts.some((f) => f.dtype.startsWith('>'))).toBe(true);
    expect(facts.some((f) => f.fortranOrder)).toBe(true);
    for (const dtype of ['|b1', '<i8', '|u1', '<f8']) expect(facts.map((f) => f.dtype)).toContain(dtype);
    for (const rank of [0, 1]) expect(facts.some((f) => f.shape.length === rank)).toBe(true);
    expect(facts.some((f) => f.shape.includes(0))).toBe(true);
  });

  it.each(Object.entries(manifest.npy))('reads %s as numpy wrote it', async (name, facts) => {
    expectArray(new Uint8Array(await readFile(fixture(name))), facts, name);
  });

  it.each(Object.entries(manifest.unsupported))('refuses %s, naming its dtype', async (name, { dtype }) => {
    const bytes = new Uint8Array(await readFile(fixture(name)));
    expect(() => parseNpy(bytes, name, name)).toThrow(DatasetError);
    expect(() => parseNpy(bytes, name, name)).toThrow(`${name}: unsupported dtype "${dtype}"`);
  });
});

describe(`.npz archives written by numpy ${manifest.numpy}`, () => {
  it.each(Object.entries(manifest.npz))('reads every array of %s', async (name, archive) => {
    const source = await fileAccess(fixture(name));
    try {
      const entries = await readZipDirectory(source, name);
      expect(entries.map((entry) => entry.name).sort()).toEqual(
        Object.keys(archive.arrays)
          .map((array) => `${array}.npy`)
          .sort(),
      );
      for (const entry of entries) {
        expect(entry.method).toBe(archive.compressed ? 8 : 0);
        const facts = archive.arrays[entry.name.replace(/\.npy$/, '')];
        expectArray(await readZipEntry(source, entry, name), facts, `${name}/${entry.name}`);
      }
    } finally {
      await source.close();
    }
  });

  it("imports np.savez(images, labels), the course's arr_0/arr_1 layout: uint8 pixels scaled to [0, 1]", async () => {
    const { arr_0: images, arr_1: labels } = manifest.npz['course-layout.npz'].arrays;
    const data = await loadDataset({ kind: 'file', path: fixture('course-layout.npz') });
    expect(data.descriptor.inputShape).toEqual([...images.shape.slice(1), 1]);
    expect(data.descriptor.classNames).toEqual(['0', '1', '2']);
    expect(data.descriptor.valueRange).toEqual([0, 1]);
    expect(Array.from(data.x)).toEqual(numbers(images).map((v) => Math.fround(v / 255)));
    expect(Array.from(data.labels)).toEqual(numbers(labels));
  });

  it('names the classes from the archive’s class_names array (text written by numpy)', async () => {
    const { class_names } = manifest.npz['named-classes.npz'].arrays;
    const data = await loadDataset({ kind: 'file', path: fixture('named-classes.npz') });
    expect(data.descriptor.classNames).toEqual(class_names.values);
    expect(data.descriptor.classNames).toEqual(['circle', 'square', 'triangle']);
  });

  it("imports np.savez_compressed in Keras' layout: big-endian Fortran features, one-hot labels, a test split", async () => {
    const { x_train, y_train, x_test, y_test } = manifest.npz['keras-layout-compressed.npz'].arrays;
    const data = await loadDataset({ kind: 'file', path: fixture('keras-layout-compressed.npz') });
    expect(data.descriptor.inputShape).toEqual([2]);
    expect(Array.from(data.x)).toEqual(numbers(x_train));
    const oneHot = numbers(y_train);
    expect(Array.from(data.labels)).toEqual(
      Array.from({ length: y_train.shape[0] }, (_, i) => oneHot.slice(i * 3, i * 3 + 3).indexOf(1)),
    );
    expect(Array.from(data.test!.x)).toEqual(numbers(x_test));
    expect(Array.from(data.test!.labels)).toEqual(numbers(y_test));
  });

  it('imports a lone .npy table whose last column is the label', async () => {
    const table = manifest.npy['table-with-labels.npy'];
    const values = numbers(table);
    const data = await loadDataset({ kind: 'file', path: fixture('table-with-labels.npy') });
    expect(data.descriptor.inputShape).toEqual([table.shape[1] - 1]);
    expect(Array.from(data.labels)).toEqual(values.filter((_, i) => i % 3 === 2));
    expect(Array.from(data.x)).toEqual(values.filter((_, i) => i % 3 !== 2));
  });

  it('refuses a 0-d array and an unsupported dtype as data with a DatasetError naming the file', async () => {
    const scalar = fixture('float64-scalar.npy');
    await expect(loadDataset({ kind: 'file', path: scalar })).rejects.toThrow(DatasetError);
    await expect(loadDataset({ kind: 'file', path: scalar })).rejects.toThrow(/float64-scalar\.npy: a single \.npy/);
    await expect(loadDataset({ kind: 'file', path: fixture('float16.npy') })).rejects.toThrow(
      /float16\.npy: unsupported dtype "<f2"/,
    );
  });
});
