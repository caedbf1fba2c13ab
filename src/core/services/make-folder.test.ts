import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FolderError, makeWritableFolder } from './make-folder';

const dir = mkdtempSync(join(tmpdir(), 'layerlab-folder-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('makeWritableFolder', () => {
  it('makes missing parents one level at a time, and accepts a folder that exists', async () => {
    const deep = join(dir, 'a', 'b', 'c');
    await makeWritableFolder(deep);
    expect(statSync(deep).isDirectory()).toBe(true);
    await makeWritableFolder(deep);
  });

  it('names a file in the way', async () => {
    writeFileSync(join(dir, 'file'), 'x');
    await expect(makeWritableFolder(join(dir, 'file', 'sub'))).rejects.toThrow(
      new FolderError(`${join(dir, 'file')} is a file, not a folder`),
    );
  });

  it.skipIf(process.platform !== 'linux')(
    'refuses /proc/x at once (Node’s recursive mkdir loops there forever)',
    async () => {
      const started = performance.now();
      await expect(makeWritableFolder('/proc/layerlab/run')).rejects.toThrow(
        new FolderError('/proc/layerlab: folders cannot be made there'),
      );
      expect(performance.now() - started).toBeLessThan(1000);
    },
  );
});
