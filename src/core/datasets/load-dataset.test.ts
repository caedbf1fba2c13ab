import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { zDatasetDescriptor } from '../../shared/training/dataset';
import {
  DatasetError,
  describeDataset,
  listBuiltinDatasets,
  loadDataset,
  previewDataset,
  resourcesDir,
  setResourcesDir,
  splitDataset,
} from './index';

const dir = mkdtempSync(join(tmpdir(), 'layerlab-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => setResourcesDir(null));

describe('loadDataset', () => {
  it('lists the built-in sets with valid descriptors', () => {
    const list = listBuiltinDatasets();
    expect(list.map((d) => d.id)).toEqual(['fonts', 'xor', 'circles', 'moons', 'spiral', 'blobs']);
    for (const d of list) {
      expect(zDatasetDescriptor.parse(d)).toEqual(d);
      expect(d.description).not.toMatch(/\n/);
    }
  });

  it('generates a 2-D set from ref.params, matching its descriptor', async () => {
    const data = await loadDataset({
      kind: 'builtin',
      id: 'blobs',
      params: { size: 90, classes: 3, seed: 2, noise: 0.1 },
    });
    expect(data.count).toBe(90);
    expect(data.x.length).toBe(180);
    expect(data.descriptor.inputShape).toEqual([2]);
    expect(data.descriptor.countsPerClass).toEqual([30, 30, 30]);
    const { train, validation } = splitDataset(data, { validationSplit: 0.1, seed: 1 });
    expect([train.count, validation.count]).toEqual([81, 9]);
  });

  it('describes a set from its ref', async () => {
    const d = await describeDataset({ kind: 'builtin', id: 'spiral', params: { classes: 3, size: 30 } });
    expect(d.classNames).toEqual(['arm 1', 'arm 2', 'arm 3']);
    expect(d.splits.train).toBe(30);
  });

  it('previews 2-D sets as points', async () => {
    const preview = await previewDataset({ kind: 'builtin', id: 'moons', params: { size: 50 } }, 4);
    expect(preview.samples).toEqual([]);
    expect(preview.points).toHaveLength(50);
    expect(preview.points![1].classIndex).toBe(1);
  });

  it('names the problem for unknown ids, missing files and unknown file types', async () => {
    await expect(loadDataset({ kind: 'builtin', id: 'mnist' })).rejects.toThrow(/Unknown built-in data set "mnist"/);
    await expect(loadDataset({ kind: 'builtin', id: 'fonts', params: { size: 3 } })).rejects.toThrow(
      /"fonts" takes no parameters/,
    );
    const missing = join(dir, 'missing.npz');
    await expect(loadDataset({ kind: 'file', path: missing })).rejects.toThrow(`${missing}: no such file or folder.`);
    const odd = join(dir, 'data.xlsx');
    writeFileSync(odd, 'x');
    const error = await loadDataset({ kind: 'file', path: odd }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as DatasetError).code).toBe('bad-input');
    expect((error as DatasetError).message).toMatch(/data\.xlsx: unsupported data file type "\.xlsx"/);
  });

  it('finds resources/ from the package root, and lets the packaged app override it', async () => {
    expect(resourcesDir()).toMatch(/[/\\]resources$/);
    setResourcesDir(dir);
    expect(resourcesDir()).toBe(dir);
    // The fonts file is cached once read, so only check the path is honoured when the cache is cold elsewhere.
    setResourcesDir(null);
    expect(resourcesDir()).not.toBe(dir);
  });
});
