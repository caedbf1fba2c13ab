import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readInThisProcess } from '../datasets/dataset-cache';
import { DatasetError } from '../datasets/dataset-error';
import { writeNpzBomb } from '../datasets/test-support/hostile-files';
import { encodeNpz } from '../datasets/test-support/npy-writer';
import { createProcessDatasetReader } from './dataset-process';
import { forkTrainingProcess, type ChildLike } from './training-host';

const dir = mkdtempSync(join(tmpdir(), 'layerlab-dataproc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Forks the real training process entry, counting the processes. */
function countingSpawn() {
  const spawned: ChildLike[] = [];
  return {
    spawned,
    spawn: () => {
      const child = forkTrainingProcess();
      spawned.push(child);
      return child;
    },
  };
}

describe('reading imports in a data process', () => {
  it('answers what an in-process read answers, and this process never holds the samples', async () => {
    // Before: the host decoded every import itself and a 190 KB .npz cost it 2.5 GB it kept.
    const path = join(dir, 'images.npz');
    const count = 4000;
    const width = 4096; // 64 MB of float32 features once decoded
    writeFileSync(
      path,
      encodeNpz(
        {
          x: { descr: '|u1', shape: [count, 64, 64], values: new Uint8Array(count * width).map((_, i) => i % 251) },
          y: { descr: '<i4', shape: [count], values: Int32Array.from({ length: count }, (_, i) => i % 4) },
        },
        { method: 8 },
      ),
    );
    const { spawn, spawned } = countingSpawn();
    const before = process.memoryUsage().arrayBuffers;
    const preview = await createProcessDatasetReader(spawn)({ kind: 'file', path }, 2, {});
    const grown = process.memoryUsage().arrayBuffers - before;
    expect(spawned).toHaveLength(1);
    expect(grown).toBeLessThan(8 * 1024 * 1024);
    expect(preview).toEqual(await readInThisProcess()({ kind: 'file', path }, 2, {}));
    expect(preview.descriptor.inputShape).toEqual([64, 64, 1]);
  });

  it('refuses a decompression bomb there, as a DatasetError naming the size and the limit', async () => {
    const path = join(dir, 'bomb.npz');
    writeNpzBomb(path, { inflatedBytes: 2 * 1024 ** 3 - 4096 });
    const error = await createProcessDatasetReader()({ kind: 'file', path }, 4, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as Error).message).toMatch(/would take 2\.0 GiB of memory, more than the limit of 1\.0 GiB/);
    const raised = await createProcessDatasetReader()({ kind: 'file', path }, 4, { maxMemoryMB: 1024 }).catch(
      (e: unknown) => e,
    );
    expect((raised as Error).message).toMatch(/more than the limit of 1\.0 GiB/);
  });

  it('reports a data process that dies as a data error, not a hang', async () => {
    const dying: ChildLike = {
      postMessage: () => setTimeout(() => exit?.(null, 'SIGKILL'), 10),
      onMessage: () => {},
      onExit: (listener) => (exit = listener),
      kill: () => {},
    };
    let exit: ((code: number | null, signal: string | null) => void) | undefined;
    await expect(createProcessDatasetReader(() => dying)({ kind: 'file', path: '/data/x.csv' }, 4, {})).rejects.toThrow(
      /\/data\/x\.csv: reading the data stopped: the process reading it was killed \(SIGKILL\)/,
    );
  });
});
