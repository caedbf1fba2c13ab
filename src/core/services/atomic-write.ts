import { randomBytes } from 'node:crypto';
import { promises as fs, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** A temp file older than this was left by a write that was killed (a write takes well under a minute). */
export const STALE_TEMP_MS = 60 * 60 * 1000;

/** `.net.layerlab.json.3f9a0c1b2d4e.tmp`: the temp files writeFileAtomic makes beside `name`. */
function tempPattern(name: string): RegExp {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^\\.${escaped}\\.[0-9a-f]{12}\\.tmp$`);
}

/**
 * The file a write to `path` must replace: symbolic links are followed (saving through a link updates its target
 * and keeps the link), however many, relative to where each link lives.
 */
async function writeTarget(path: string): Promise<{ file: string; stats: Stats | null }> {
  let file = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    let stats: Stats;
    try {
      stats = await fs.lstat(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { file, stats: null };
      throw error;
    }
    if (!stats.isSymbolicLink()) return { file, stats };
    file = resolve(dirname(file), await fs.readlink(file));
  }
  throw Object.assign(new Error(`${path}: too many levels of symbolic links`), { code: 'ELOOP' });
}

/** Removes temp files of earlier writes to `file` that were killed before they could clean up. */
async function removeStaleTemps(file: string, now = Date.now()): Promise<void> {
  const pattern = tempPattern(basename(file));
  let names: string[];
  try {
    names = await fs.readdir(dirname(file));
  } catch {
    return;
  }
  for (const name of names.filter((n) => pattern.test(n))) {
    const temp = join(dirname(file), name);
    try {
      if (now - (await fs.stat(temp)).mtimeMs > STALE_TEMP_MS) await fs.rm(temp, { force: true });
    } catch {
      // Gone already, or not ours to remove: a leftover is harmless.
    }
  }
}

/**
 * Write a file so that readers see either the old content or the new, never half of it, and the file stays what it
 * was: write a temp file in the target's directory (rename is only atomic within one file system), give it the old
 * file's permissions (and owner, where allowed), flush it, then rename it over the target. A symbolic link is
 * followed and kept. A file with other hard links is rewritten in place once the complete new content is safely in
 * the temp file (a rename would cut it off from its other names). Temp files of writes killed earlier are removed.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const { file, stats } = await writeTarget(path);
  await removeStaleTemps(file);
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.open(temp, 'wx', stats ? stats.mode & 0o7777 : 0o666);
  try {
    await handle.writeFile(data);
    if (stats) {
      await handle.chmod(stats.mode & 0o7777);
      await handle.chown(stats.uid, stats.gid).catch(() => {}); // only root may give a file away
    }
    await handle.sync();
  } catch (error) {
    await handle.close();
    await fs.rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  if (stats && stats.isFile() && stats.nlink > 1) {
    // Should the copy fail halfway, the temp file keeps the complete new content; it is not removed.
    await fs.copyFile(temp, file);
    await fs.rm(temp, { force: true });
    return;
  }
  try {
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}
