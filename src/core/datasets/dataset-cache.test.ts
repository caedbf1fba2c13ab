import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DatasetRef } from '../../shared/training/dataset';
import { createDatasetCache, readInThisProcess } from './dataset-cache';
import { loadDataset, readDataset } from './load-dataset';

const dir = mkdtempSync(join(tmpdir(), 'layerlab-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A cache over the real importers that counts how often a file is read. */
function countingCache(capacity?: number) {
  const reads: DatasetRef[] = [];
  const cache = createDatasetCache({
    capacity,
    load: (ref) => {
      reads.push(ref);
      return readDataset(ref);
    },
  });
  return { cache, reads };
}

function csv(name: string, rows: string[]): Extract<DatasetRef, { kind: 'file' }> {
  const path = join(dir, name);
  writeFileSync(path, ['x1,x2,label', ...rows].join('\n'));
  return { kind: 'file', path };
}

describe('dataset cache', () => {
  it('reads a file once for its import check, the picker preview, a smaller preview and later describes', async () => {
    const { cache, reads } = countingCache();
    const ref = csv('points.csv', ['0,0,a', '1,1,b', '0,1,a', '1,0,b', '2,2,a']);
    const descriptor = await cache.describe(ref);
    expect(descriptor.classNames).toEqual(['a', 'b']);
    const preview = await cache.preview(ref, 4);
    expect(preview.descriptor).toEqual(descriptor);
    expect(preview.points).toHaveLength(5);
    await cache.preview({ ...ref }, 1);
    await cache.describe({ kind: 'file', path: join(dir, 'sub', '..', 'points.csv') });
    expect(reads).toHaveLength(1);
  });

  it('hands a set read under one memory limit only to requests with a limit at least as large', async () => {
    // Before, the limit was not part of what was cached: a set read for a 4 GiB tab was described for a 16 MiB one.
    const limits: (number | undefined)[] = [];
    const inThisProcess = readInThisProcess();
    const cache = createDatasetCache({
      read: (ref, perClass, options) => {
        limits.push(options.maxMemoryMB);
        return (options.maxMemoryMB ?? 1024) < 64
          ? Promise.reject(new Error(`needs 64 MiB, the limit is ${options.maxMemoryMB} MiB`))
          : inThisProcess(ref, perClass, options);
      },
    });
    const ref = csv('limits.csv', ['0,0,a', '1,1,b']);
    await cache.describe(ref, { maxMemoryMB: 4096 });
    await expect(cache.describe(ref, { maxMemoryMB: 16 })).rejects.toThrow(/the limit is 16 MiB/);
    await cache.preview(ref, 2, { maxMemoryMB: 8192 });
    await cache.describe(ref, { maxMemoryMB: 4096 });
    expect(limits).toEqual([4096, 16]);
    // The default (1 GiB) is smaller than 4 GiB: read again, and kept apart from the 4 GiB entry.
    await cache.describe(ref);
    await cache.describe(ref, { maxMemoryMB: 4096 });
    expect(limits).toEqual([4096, 16, undefined]);
  });

  it('renames classes as the ref says without reading the file again; a run loads the same names', async () => {
    const { cache, reads } = countingCache();
    const ref = csv('renamed.csv', ['0,0,a', '1,1,b']);
    await cache.describe(ref);
    const renamed = { ...ref, classNames: ['apples', ''] };
    expect((await cache.describe(renamed)).classNames).toEqual(['apples', 'b']);
    expect((await cache.preview(renamed, 2)).descriptor.classNames).toEqual(['apples', 'b']);
    expect((await cache.describe(ref)).classNames).toEqual(['a', 'b']);
    expect(reads).toHaveLength(1);
    expect((await loadDataset(renamed)).descriptor.classNames).toEqual(['apples', 'b']);
  });

  it('cuts a smaller preview from the cached one exactly as a fresh read would pick it', async () => {
    const { cache } = countingCache();
    const ref: DatasetRef = { kind: 'builtin', id: 'fonts' };
    const four = await cache.preview(ref, 4);
    const two = await cache.preview(ref, 2);
    const fresh = await createDatasetCache().preview(ref, 2);
    expect(two.samples).toEqual(fresh.samples);
    expect(four.samples).toHaveLength(4 * 5);
    expect(two.samples).toHaveLength(2 * 5);
  });

  it('reads a file again when it changed on disk, or when the ref reads it differently', async () => {
    const { cache, reads } = countingCache();
    const ref = csv('changing.csv', ['0,0,a', '1,1,b']);
    expect((await cache.describe(ref)).classNames).toEqual(['a', 'b']);
    csv('changing.csv', ['0,0,a', '1,1,b', '2,2,c']);
    utimesSync(ref.path, new Date(), new Date(Date.now() + 5000));
    expect((await cache.describe(ref)).classNames).toEqual(['a', 'b', 'c']);
    expect((await cache.describe({ ...ref, options: { scale: 'minmax' } })).valueRange).toEqual([0, 1]);
    expect(reads).toHaveLength(3);
  });

  it('does not remember a failed read, and forgets the least recently used set beyond its capacity', async () => {
    const { cache, reads } = countingCache(1);
    const missing: DatasetRef = { kind: 'file', path: join(dir, 'missing.csv') };
    await expect(cache.describe(missing)).rejects.toThrow(/no such file/);
    await expect(cache.describe(missing)).rejects.toThrow(/no such file/);
    expect(reads).toHaveLength(2);
    const a = csv('a.csv', ['0,0,a', '1,1,b']);
    const b = csv('b.csv', ['0,0,a', '1,1,b']);
    await cache.describe(a);
    await cache.describe(b);
    await cache.describe(a);
    expect(reads).toHaveLength(5);
  });

  it('describes a built-in set with its parameters, and with none from the list without generating it', async () => {
    const { cache, reads } = countingCache();
    expect((await cache.describe({ kind: 'builtin', id: 'spiral' })).classNames).toHaveLength(2);
    expect(reads).toHaveLength(0);
    const three = await cache.describe({ kind: 'builtin', id: 'spiral', params: { classes: 3, size: 30 } });
    expect(three.classNames).toHaveLength(3);
    expect(reads).toHaveLength(1);
  });
});
