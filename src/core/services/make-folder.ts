import { constants, promises as fs } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Why a folder can't be made or written, as a sentence naming it. */
export class FolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FolderError';
  }
}

function reason(path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `${path}: permission denied`;
    case 'EROFS':
      return `${path}: the file system is read-only`;
    case 'ENOTDIR':
    case 'EEXIST':
      return `${path} is a file, not a folder`;
    case 'ENOENT':
      return `${path}: folders cannot be made there`;
    case 'ENOSPC':
      return `${path}: the disk is full`;
    default:
      return `${path}: ${code ?? String(error)}`;
  }
}

async function isFolder(path: string): Promise<boolean | null> {
  try {
    return (await fs.stat(path)).isDirectory();
  } catch (error) {
    // ENOTDIR: a file higher up is in the way; the walk up finds and names it.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw new FolderError(reason(path, error));
  }
}

/**
 * Makes `dir` and any missing parents, one level at a time, and checks it can be written. Node's
 * `mkdir({recursive: true})` loops forever where the kernel answers ENOENT for a parent that exists (`/proc/x`);
 * here every failure is a FolderError naming the path and the reason (permission, read-only, a file in the way).
 */
export async function makeWritableFolder(dir: string): Promise<void> {
  const target = resolve(dir);
  const missing: string[] = [];
  let at = target;
  for (;;) {
    const folder = await isFolder(at);
    if (folder === true) break;
    if (folder === false) throw new FolderError(reason(at, { code: 'ENOTDIR' }));
    missing.unshift(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const path of missing) {
    try {
      await fs.mkdir(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && (await isFolder(path))) continue;
      throw new FolderError(reason(path, error));
    }
  }
  try {
    await fs.access(target, constants.W_OK);
  } catch (error) {
    throw new FolderError(reason(target, error));
  }
}
