import { constants } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { DatasetError } from './dataset-error';

/** Largest data file we read: beyond this a laptop's memory and the CPU backend can't train on it anyway. */
export const MAX_DATA_FILE_BYTES = 1024 ** 3;

/** Bytes read from a data file at a time. */
export const READ_CHUNK_BYTES = 1024 * 1024;

function statFailure(file: string, error: unknown): DatasetError {
  const code = (error as NodeJS.ErrnoException).code;
  return new DatasetError(
    code === 'ENOENT'
      ? `${file}: no such file or folder.`
      : code === 'EACCES' || code === 'EPERM'
        ? `${file}: permission denied.`
        : `${file}: cannot be read (${code ?? String(error)}).`,
    file,
  );
}

/** Refuses what is neither a regular file nor a folder (a FIFO, socket or device would block or never end), and huge files. */
function checkKind(file: string, info: Stats): void {
  if (!info.isFile() && !info.isDirectory()) {
    throw new DatasetError(
      `${file}: not a regular file (a pipe, socket or device); only files and folders are imported.`,
      file,
    );
  }
  if (info.isFile() && info.size > MAX_DATA_FILE_BYTES) {
    const gib = (info.size / 1024 ** 3).toFixed(2);
    throw new DatasetError(
      `${file}: file is too large (${gib} GiB; the limit is ${MAX_DATA_FILE_BYTES / 1024 ** 3} GiB).`,
      file,
    );
  }
}

/** Stats `file` before anything reads it, so a huge (or sparse) file or a pipe is refused without being opened. */
export async function statDataPath(file: string): Promise<Stats> {
  let info: Stats;
  try {
    info = await stat(file);
  } catch (error) {
    throw statFailure(file, error);
  }
  checkKind(file, info);
  return info;
}

/** An open regular file and its size, as it was when opened. */
export interface OpenDataFile {
  handle: FileHandle;
  size: number;
}

/**
 * Opens a data file for reading and checks, on the opened file itself (fstat), that it is a regular file within the
 * size limit: a path swapped for a FIFO between a stat and the open must not hang the import. O_NONBLOCK makes the
 * open of a FIFO return at once instead of waiting for a writer; it changes nothing for regular files.
 */
export async function openDataFile(file: string): Promise<OpenDataFile> {
  let handle: FileHandle;
  try {
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw statFailure(file, error);
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw new DatasetError(`${file}: is a folder, expected a file.`, file);
    checkKind(file, info);
    return { handle, size: info.size };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/**
 * The bytes [start, start + length) of an open file in chunks of at most `chunkBytes`. Each chunk is a fresh buffer
 * (consumers may keep it); a file that ends early is a DatasetError.
 */
export async function* fileChunks(
  handle: FileHandle,
  file: string,
  start: number,
  length: number,
  chunkBytes = READ_CHUNK_BYTES,
): AsyncGenerator<Uint8Array> {
  let offset = start;
  const end = start + length;
  while (offset < end) {
    const buffer = new Uint8Array(Math.min(chunkBytes, end - offset));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
    if (bytesRead === 0) throw new DatasetError(`${file}: unexpected end of file (truncated?).`, file);
    offset += bytesRead;
    yield bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
  }
}

/** Reads exactly `length` bytes at `offset` of an open file. */
export async function readExactly(
  handle: FileHandle,
  file: string,
  offset: number,
  length: number,
): Promise<Uint8Array> {
  const buffer = new Uint8Array(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, offset + filled);
    if (bytesRead === 0) throw new DatasetError(`${file}: unexpected end of file (truncated archive?).`, file);
    filled += bytesRead;
  }
  return buffer;
}
