import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetError } from './dataset-error';
import { imageDimensions } from './image-decode';
import { loadDataset } from './load-dataset';
import { encodeHugePng, jpegHeader, writeNpzBomb } from './test-support/hostile-files';
import { encodeNpy, encodeNpz, encodeZip } from './test-support/npy-writer';

const dir = mkdtempSync(join(tmpdir(), 'layerlab-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

/** What loading `path` costs this process in ArrayBuffer memory at its peak (sampled), and how it ended. */
async function measure(load: () => Promise<unknown>): Promise<{ error: unknown; peakBytes: number; seconds: number }> {
  const before = process.memoryUsage().arrayBuffers;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().arrayBuffers)), 5);
  const started = performance.now();
  let error: unknown = null;
  try {
    await load();
  } catch (caught) {
    error = caught;
  }
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().arrayBuffers);
  return { error, peakBytes: peak - before, seconds: (performance.now() - started) / 1000 };
}

describe('decompression bombs and big imports are refused before they are allocated', () => {
  it('refuses a 2 MB .npz that inflates to 2 GiB, naming the size and the limit, without inflating it', async () => {
    // Before: the archive was inflated whole (2 GiB), converted to float64 (4 GiB) and float32: 6-9 GB at the peak.
    const path = join(dir, 'bomb.npz');
    writeNpzBomb(path, { inflatedBytes: 2 * GiB - 4096 });
    const { error, peakBytes } = await measure(() => loadDataset({ kind: 'file', path }));
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as Error).message).toMatch(
      /bomb\.npz: arrays "arr_0", "arr_1" .* would take 2\.0 GiB of memory, more than the limit of 1\.0 GiB \(raise it with --max-memory MB/,
    );
    expect(peakBytes).toBeLessThan(64 * MiB);
  });

  it('stops inflating an entry at the size its directory declares', async () => {
    // The directory says 4 KiB, the data inflates to 256 MiB: only the header's first piece is ever inflated.
    const path = join(dir, 'liar.npz');
    writeNpzBomb(path, { inflatedBytes: 256 * MiB, declaredBytes: 4096 });
    const { error, peakBytes } = await measure(() => loadDataset({ kind: 'file', path }));
    expect((error as Error).message).toMatch(
      /entry "arr_0\.npy" inflates to more than the 4096 bytes the archive's directory declares/,
    );
    expect(peakBytes).toBeLessThan(128 * MiB);
  });

  it('refuses an array whose header promises more than its entry holds, before decoding it', async () => {
    const path = join(dir, 'header-liar.npz');
    const x = encodeNpy({
      descr: '<f4',
      shape: [4, 2],
      values: [1, 2, 3, 4, 5, 6, 7, 8],
      headerShape: [100_000_000, 2],
    });
    const y = encodeNpy({ descr: '<i4', shape: [4], values: [0, 1, 0, 1] });
    writeFileSync(
      path,
      encodeZip([
        { name: 'x.npy', data: x },
        { name: 'y.npy', data: y },
      ]),
    );
    await expect(loadDataset({ kind: 'file', path })).rejects.toThrow(
      /array "x": header says shape \(100000000, 2\) of <f4 = 800000000 bytes, but 32 bytes follow \(truncated\)/,
    );
  });

  it('refuses under a lowered limit what a raised one loads', async () => {
    const path = join(dir, 'medium.npz');
    const rows = 5000;
    const width = 1000; // 20 MB of float32 features
    writeFileSync(
      path,
      encodeNpz({
        x: { descr: '<f4', shape: [rows, width], values: new Float32Array(rows * width).fill(0.5) },
        y: { descr: '<i4', shape: [rows], values: Int32Array.from({ length: rows }, (_, i) => i % 3) },
      }),
    );
    await expect(loadDataset({ kind: 'file', path }, { maxMemoryMB: 16 })).rejects.toThrow(
      /medium\.npz: arrays "x", "y" \(features as float32, labels\) would take 19\.1 MiB of memory, more than the limit of 16\.0 MiB/,
    );
    const data = await loadDataset({ kind: 'file', path }, { maxMemoryMB: 64 });
    expect(data.count).toBe(rows);
    expect(data.descriptor.classNames).toEqual(['0', '1', '2']);
  });

  it('refuses a 484 KB PNG of 20000×20000 from its header, without decoding it', async () => {
    // Before: pngjs decoded it (1.6 GB of RGBA, 3.3 GB at the peak, the event loop blocked for 22 s).
    const root = join(dir, 'huge-image');
    mkdirSync(join(root, 'a'), { recursive: true });
    mkdirSync(join(root, 'b'), { recursive: true });
    const png = encodeHugePng(20000, 20000);
    expect(png.length).toBeLessThan(1024 * 1024);
    writeFileSync(join(root, 'a', 'huge.png'), png);
    writeFileSync(join(root, 'b', 'small.png'), encodeHugePng(8, 8));
    const { error, peakBytes, seconds } = await measure(() => loadDataset({ kind: 'file', path: root }));
    expect((error as Error).message).toMatch(
      /huge\.png: decoding the 20000×20000 image would take 4\.5 GiB of memory, more than the limit of 1\.0 GiB/,
    );
    expect(peakBytes).toBeLessThan(16 * MiB);
    expect(seconds).toBeLessThan(5);
  });

  it('reads image sizes from PNG and JPEG headers', () => {
    expect(imageDimensions(encodeHugePng(300, 200))).toEqual({ width: 300, height: 200 });
    expect(imageDimensions(jpegHeader(20000, 15000))).toEqual({ width: 20000, height: 15000 });
    expect(imageDimensions(Buffer.from('not an image'))).toBeNull();
  });

  it('imports a CSV of 150,528 feature columns (a 224×224×3 image per row)', async () => {
    // Before: values.push(...rowValues) with 150,528 arguments overflowed the call stack.
    const width = 150_528;
    const row = (label: number) => `${'0,'.repeat(width)}${label}\n`;
    const path = join(dir, 'wide.csv');
    writeFileSync(path, row(0) + row(1) + row(0));
    const data = await loadDataset({ kind: 'file', path });
    expect(data.descriptor.inputShape).toEqual([width]);
    expect(data.count).toBe(3);
  });

  it('refuses a CSV whose values outgrow the limit while it streams in', async () => {
    const path = join(dir, 'long.csv');
    const line = '0.25,0.5,0.75,1\n';
    writeFileSync(path, line.repeat(2_000_000)); // 6 million float32 values: 23 MiB (plus the join)
    await expect(loadDataset({ kind: 'file', path }, { maxMemoryMB: 16 })).rejects.toThrow(
      /long\.csv: the 1,048,577 rows read so far \(3 float32 values and a label each\) would take 20\.0 MiB of memory with what is already loaded, more than the limit of 16\.0 MiB/,
    );
  });

  it.skipIf(process.platform === 'win32')(
    'refuses a FIFO named like a data file instead of waiting for a writer',
    async () => {
      // Before: readFile on the pipe waited forever for someone to write to it.
      const path = join(dir, 'pipe.csv');
      execFileSync('mkfifo', [path]);
      const { error, seconds } = await measure(() => loadDataset({ kind: 'file', path }));
      expect((error as Error).message).toBe(
        `${path}: not a regular file (a pipe, socket or device); only files and folders are imported.`,
      );
      expect(seconds).toBeLessThan(5);
    },
  );
});
