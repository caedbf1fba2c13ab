import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeNpz, encodeZip } from '../../src/core/datasets/test-support/npy-writer';
import {
  encodeHugePng,
  jpegHeader,
  writeNpzBomb,
  writeZipBomb,
} from '../../src/core/datasets/test-support/hostile-files';
import { CategoryResult, GiB, MiB, within } from './category';

const CHILD = fileURLToPath(new URL('./import-child.ts', import.meta.url));

/** Peak resident memory one hostile import may reach (the bar for the 2 GiB bomb). */
const MAX_PEAK_BYTES = 3 * GiB;
/** Longest one import may take before it counts as hanging. */
const MAX_SECONDS = 90;

interface HostileFile {
  name: string;
  /** Builds the file (or folder) and returns the path to read. */
  make(dir: string): Promise<string> | string;
  mode: 'load' | 'unzip';
  /** Whether LayerLab should load it (an ordinary big file) or refuse it with a readable DatasetError. */
  expect: 'loads' | 'refused';
}

const HOSTILE_FILES: HostileFile[] = [
  {
    name: '2 MB .npz inflating to 2 GiB',
    make: (dir) => file(dir, 'bomb.npz', (path) => writeNpzBomb(path, { inflatedBytes: 2 * GiB - 4096 })),
    mode: 'load',
    expect: 'refused',
  },
  {
    name: '.npz whose directory says 4 KiB of 256 MiB',
    make: (dir) =>
      file(dir, 'liar.npz', (path) => writeNpzBomb(path, { inflatedBytes: 256 * MiB, declaredBytes: 4096 })),
    mode: 'load',
    expect: 'refused',
  },
  {
    // Within the 1 GiB budget, so it loads; what matters is that the peak stays bounded.
    name: '190 KB .npz of 600 MiB of zeros',
    make: (dir) => file(dir, 'small-bomb.npz', (path) => writeNpzBomb(path, { inflatedBytes: 600 * MiB })),
    mode: 'load',
    expect: 'loads',
  },
  {
    name: 'image folder with a 20000×20000 PNG',
    make: (dir) => imageFolder(dir, 'huge-png', 'huge.png', encodeHugePng(20000, 20000)),
    mode: 'load',
    expect: 'refused',
  },
  {
    name: 'image folder with a JPEG claiming 20000×15000',
    make: (dir) => imageFolder(dir, 'huge-jpeg', 'huge.jpg', jpegHeader(20000, 15000)),
    mode: 'load',
    expect: 'refused',
  },
  {
    name: '1.5 MB zip upload inflating to 1.5 GB',
    make: (dir) => file(dir, 'bomb.zip', (path) => writeZipBomb(path, 1_500_000_000)),
    mode: 'unzip',
    expect: 'refused',
  },
  {
    name: 'zip upload of 100,001 files',
    make: (dir) =>
      file(dir, 'many.zip', (path) =>
        // Zip64: a plain zip's directory counts entries in 16 bits.
        writeFileSync(
          path,
          encodeZip(
            Array.from({ length: 100_001 }, (_, i) => ({ name: `set/a/${i}.png`, data: new Uint8Array(0) })),
            { zip64: true },
          ),
        ),
      ),
    mode: 'unzip',
    expect: 'refused',
  },
  {
    name: '150 MB CSV',
    make: (dir) => bigCsv(join(dir, 'big.csv'), 150 * 1_000_000),
    mode: 'load',
    expect: 'loads',
  },
  {
    name: 'CSV of 150,528 columns',
    make: (dir) =>
      file(dir, 'wide.csv', (path) => {
        const row = (label: number) => `${'0,'.repeat(150_528)}${label}\n`;
        writeFileSync(path, row(0) + row(1) + row(0));
      }),
    mode: 'load',
    expect: 'loads',
  },
  {
    name: '.npz of 300,000 samples',
    make: (dir) =>
      file(dir, 'many.npz', (path) => {
        const rows = 300_000;
        writeFileSync(
          path,
          encodeNpz({
            x: { descr: '<f4', shape: [rows, 2], values: Float32Array.from({ length: rows * 2 }, (_, i) => i % 7) },
            y: { descr: '<i4', shape: [rows], values: Int32Array.from({ length: rows }, (_, i) => i % 2) },
          }),
        );
      }),
    mode: 'load',
    expect: 'loads',
  },
  {
    name: '.npy header promising 100,000,000 × 2 over 32 bytes',
    make: (dir) =>
      file(dir, 'header-liar.npy', (path) => {
        const header = "{'descr': '<f4', 'fortran_order': False, 'shape': (100000000, 2), }";
        const padded = header + ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
        const out = Buffer.alloc(10 + padded.length + 32);
        out.write('\x93NUMPY', 0, 'latin1');
        out[6] = 1;
        out.writeUInt16LE(padded.length, 8);
        out.write(padded, 10, 'latin1');
        writeFileSync(path, out);
      }),
    mode: 'load',
    expect: 'refused',
  },
  {
    name: 'FIFO named points.csv',
    make: (dir) => {
      const path = join(dir, 'points.csv');
      spawnSync('mkfifo', [path]);
      return path;
    },
    mode: 'load',
    expect: 'refused',
  },
  {
    name: 'zeros.npy linked to /dev/zero',
    make: (dir) => {
      const path = join(dir, 'zeros.npy');
      symlinkSync('/dev/zero', path);
      return path;
    },
    mode: 'load',
    expect: 'refused',
  },
];

/**
 * Decompression bombs and oversized files through the importers, each in a process of its own (as the hosts read
 * imports: a data process), within the default memory budget. A refusal must be a readable DatasetError; an ordinary
 * big file must load; neither may take more than 3 GB at the peak or hang. A process that dies or an internal error
 * is a crash.
 */
export async function hostileImports(): Promise<CategoryResult> {
  const result = new CategoryResult('decompression bombs and oversized imports');
  const work = mkdtempSync(join(tmpdir(), 'layerlab-hostile-imports-'));
  let peak = 0;
  let peakOf = '';
  let slowest = 0;
  let slowestOf = '';
  try {
    for (const [index, hostile] of HOSTILE_FILES.entries()) {
      const dir = join(work, String(index));
      mkdirSync(dir);
      const path = await hostile.make(dir);
      result.tried();
      const outcome = await runChild(hostile.mode, path, join(dir, 'unpacked'));
      if (outcome === 'timeout') {
        result.fail(`${hostile.name}: no answer within ${MAX_SECONDS} s`);
        continue;
      }
      if ('died' in outcome) {
        result.crash(`${hostile.name}: the importing process died (${outcome.died}): ${outcome.stderr.slice(-300)}`);
        continue;
      }
      if (outcome.seconds > slowest) {
        slowest = outcome.seconds;
        slowestOf = hostile.name;
      }
      if (outcome.maxRssBytes > peak) {
        peak = outcome.maxRssBytes;
        peakOf = hostile.name;
      }
      if (outcome.maxRssBytes > MAX_PEAK_BYTES)
        result.fail(`${hostile.name}: peak RSS ${(outcome.maxRssBytes / GiB).toFixed(1)} GiB`);
      if (!outcome.ok && outcome.errorName !== 'DatasetError')
        result.crash(`${hostile.name}: an internal ${outcome.errorName}: ${outcome.message}`);
      else if (hostile.expect === 'loads' && !outcome.ok) result.fail(`${hostile.name}: refused: ${outcome.message}`);
      else if (hostile.expect === 'refused' && outcome.ok) result.fail(`${hostile.name}: accepted`);
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  result.figures.push(
    `peak RSS ${Math.round(peak / MiB)} MiB (${peakOf})`,
    `slowest ${slowest.toFixed(1)} s (${slowestOf})`,
  );
  return result;
}

type ChildOutcome =
  | { ok: boolean; errorName?: string; message?: string; maxRssBytes: number; seconds: number }
  | { died: string; stderr: string };

async function runChild(mode: string, path: string, outDir: string): Promise<ChildOutcome | 'timeout'> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, mode, path, outDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const ended = new Promise<ChildOutcome>((resolve) =>
    child.once('exit', (code, signal) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line) as ChildOutcome);
      } catch {
        resolve({ died: signal ?? `exit ${code}`, stderr });
      }
    }),
  );
  const outcome = await within(MAX_SECONDS * 1000, ended);
  if (outcome === 'timeout') child.kill('SIGKILL');
  return outcome;
}

function file(dir: string, name: string, write: (path: string) => void): string {
  const path = join(dir, name);
  write(path);
  return path;
}

function imageFolder(dir: string, name: string, image: string, bytes: Uint8Array): string {
  const root = join(dir, name);
  mkdirSync(join(root, 'a'), { recursive: true });
  mkdirSync(join(root, 'b'), { recursive: true });
  writeFileSync(join(root, 'a', image), bytes);
  writeFileSync(join(root, 'b', 'small.png'), encodeHugePng(8, 8));
  return root;
}

/** A CSV of about `bytes` bytes: 4 features and a label per row, written a piece at a time. */
async function bigCsv(path: string, bytes: number): Promise<string> {
  const rows = Array.from({ length: 10_000 }, (_, i) => `0.${i % 97},0.${i % 89},0.${i % 83},0.${i % 79},${i % 3}\n`);
  const block = `x1,x2,x3,x4,label\n${rows.join('')}`;
  const piece = rows.join('');
  const out = createWriteStream(path);
  let written = 0;
  out.write(block);
  written += block.length;
  while (written < bytes) {
    if (!out.write(piece)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    written += piece.length;
  }
  await new Promise((resolve) => out.end(resolve));
  return path;
}
