import { mkdir, open } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { formatBytes } from '../../shared/training/memory-limit';
import { DatasetError } from './dataset-error';
import { MAX_DATA_FILE_BYTES } from './file-guard';
import { readZipDirectory, zipEntryChunks, type RandomAccess } from './zip-reader';

/** Most files a zipped image folder may hold. */
export const MAX_FOLDER_ENTRIES = 100_000;
/**
 * What the files of a zipped folder may take once unpacked: images barely compress, so a zip whose contents are many
 * times its own size is a bomb. At least 256 MiB, at most the largest data LayerLab reads.
 */
export function maxUnpackedBytes(zipBytes: number): number {
  return Math.min(MAX_DATA_FILE_BYTES, Math.max(256 * 1024 * 1024, 50 * zipBytes));
}

/** macOS adds these to zips it makes; they are not class folders. */
function isJunk(name: string): boolean {
  return name.split('/').some((part) => part === '__MACOSX' || part.startsWith('.'));
}

/**
 * Unpacks a zip of class folders into `dir`, within limits checked on its directory before any byte is written (entry
 * count, total declared size) and while inflating (no entry beyond its declared size): a 1.5 MB upload can no longer
 * write 1.5 GB to the temporary folder. Entries that would land outside `dir` (zip slip) are refused.
 */
export async function unpackZipFolder(source: RandomAccess, dir: string, label: string): Promise<void> {
  const root = resolve(dir);
  const listed = await readZipDirectory(source, label);
  for (const entry of listed) {
    const target = resolve(root, entry.name);
    if (!target.startsWith(root + sep)) throw new DatasetError(`${label} contains an unsafe entry name: ${entry.name}`);
  }
  const entries = listed.filter((e) => !e.name.endsWith('/') && !isJunk(e.name));
  if (entries.length === 0) throw new DatasetError(`${label} holds no files.`);
  if (entries.length > MAX_FOLDER_ENTRIES) {
    throw new DatasetError(
      `${label} holds ${entries.length} files; a zipped image folder may hold at most ${MAX_FOLDER_ENTRIES}.`,
    );
  }
  const total = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  const limit = maxUnpackedBytes(source.size);
  if (total > limit) {
    throw new DatasetError(
      `${label} would unpack to ${formatBytes(total)}, more than ${formatBytes(limit)} for a ${formatBytes(source.size)} zip of images (a zip bomb?).`,
    );
  }
  for (const entry of entries) {
    const target = resolve(root, entry.name);
    await mkdir(dirname(target), { recursive: true });
    const file = await open(target, 'wx');
    try {
      for await (const chunk of zipEntryChunks(source, entry, label)) await file.write(chunk);
    } finally {
      await file.close();
    }
  }
}
