import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetError } from '../datasets/dataset-error';
import { toClientError } from './client-error';

/** A real system error from Node, carrying this machine's folders in its message and `path`. */
async function systemError(action: () => Promise<unknown>): Promise<NodeJS.ErrnoException> {
  try {
    await action();
  } catch (error) {
    return error as NodeJS.ErrnoException;
  }
  throw new Error('expected the action to fail');
}

const ABSOLUTE_PATH = /(^|[\s'"(])\/[^\s'"]*\//;

describe('toClientError', () => {
  it('turns raw Node errors into sentences naming only the file', async () => {
    const missing = join(tmpdir(), 'layerlab-no-such-dir', 'autosave.layerlab.json');
    const enoent = await systemError(() => fs.readFile(missing));
    expect(enoent.message).toContain(tmpdir());
    const result = toClientError(enoent);
    expect(result).toEqual({ message: '“autosave.layerlab.json” does not exist (any more).', internal: false });
    const eisdir = toClientError(await systemError(() => fs.readFile(tmpdir())));
    expect(eisdir.message).toMatch(/is a folder, not a file/);
    expect(eisdir.message).not.toMatch(ABSOLUTE_PATH);
  });

  it('rewrites raw system text embedded in a longer message', () => {
    const message = `Could not export the model: EACCES: permission denied, open '/home/ada/secret/model.json'`;
    expect(toClientError(new Error(message)).message).toBe(
      'Could not export the model: “model.json” cannot be accessed: permission denied',
    );
    expect(
      toClientError(new Error("x: ENOENT: no such file or directory, rename '/a/b/c.tmp' -> '/a/b/c'")).message,
    ).toBe('x: “c.tmp” does not exist (any more)');
  });

  it('hides programming faults behind a generic message marked internal', () => {
    const fault = toClientError(new TypeError("Cannot read properties of undefined (reading 'safeParse')"));
    expect(fault).toEqual({
      message: 'Something went wrong inside LayerLab (TypeError); the details are in its log.',
      internal: true,
    });
    expect(toClientError('thrown string').internal).toBe(true);
  });

  it('passes the host’s own messages through', () => {
    const error = new DatasetError('points.csv: the label column "y" is missing.', 'points.csv');
    expect(toClientError(error)).toEqual({ message: error.message, internal: false });
  });
});
