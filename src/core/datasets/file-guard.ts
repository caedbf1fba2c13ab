import { stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { DatasetError } from './dataset-error';

/** Largest data file we read: beyond this a laptop's memory and the CPU backend can't train on it anyway. */
export const MAX_DATA_FILE_BYTES = 1024 ** 3;

/** Stats `file` before anything reads it, so a huge (or sparse) file is refused without being loaded. */
export async function statDataPath(file: string): Promise<Stats> {
  let info: Stats;
  try {
    info = await stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DatasetError(
      code === 'ENOENT' ? `${file}: no such file or folder.` : `${file}: cannot be read (${code ?? String(error)}).`,
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
  return info;
}
