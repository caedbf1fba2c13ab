/**
 * Reads one hostile data file the way LayerLab does, in a process of its own so its peak memory can be measured and
 * its death seen (see imports.ts). `load FILE`: the importer the file's type names, within the default memory budget;
 * `unzip ZIP DIR`: browser mode's unpacking of an uploaded image folder. Prints one JSON line: how it ended, the
 * error's class and message, and the process's peak resident memory.
 */
import { mkdirSync } from 'node:fs';
import { loadDataset } from '../../src/core/datasets/load-dataset';
import { openDataFile, readExactly } from '../../src/core/datasets/file-guard';
import { unpackZipFolder } from '../../src/core/datasets/zip-folder';

const [mode, file, outDir] = process.argv.slice(2);
const started = performance.now();
let outcome: { ok: boolean; count?: number; errorName?: string; message?: string };
try {
  if (mode === 'unzip') {
    mkdirSync(outDir, { recursive: true });
    const { handle, size } = await openDataFile(file);
    try {
      await unpackZipFolder(
        { size, read: (offset, length) => readExactly(handle, file, offset, length) },
        outDir,
        'upload.zip',
      );
    } finally {
      await handle.close();
    }
    outcome = { ok: true };
  } else {
    const data = await loadDataset({ kind: 'file', path: file });
    outcome = { ok: true, count: data.count };
  }
} catch (error) {
  outcome = {
    ok: false,
    errorName: error instanceof Error ? error.name : typeof error,
    message: error instanceof Error ? error.message : String(error),
  };
}
process.stdout.write(
  `${JSON.stringify({
    ...outcome,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    seconds: (performance.now() - started) / 1000,
  })}\n`,
);
process.exit(0);
