import { randomBytes } from 'node:crypto';
import { promises as fs, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** A temp file older than this was left by a write that was killed (a write takes well under a minute). */
export const STALE_TEMP_MS = 60 * 60 * 1000;

/**
 * `.net.layerlab.json.3f9a0c1b2d4e.tmp` (a write's temp file) and `.net.layerlab.json.3f9a0c1b2d4e.pending` (a
 * complete new version being copied into a hard-linked file): the files writeFileAtomic makes beside `name`.
 */
function siblingPattern(name: string, suffix: 'tmp' | 'pending'): RegExp {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^\\.${escaped}\\.[0-9a-f]{12}\\.${suffix}$`);
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

/** Rewrites `file` in place (its inode, so its other hard links, stay) with `source`'s bytes, flushed. */
async function copyInPlace(source: string, file: string): Promise<void> {
  await fs.copyFile(source, file);
  const handle = await fs.open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Finishes a write to a hard-linked `path` that was killed while it copied the new version in place: the file is then
 * cut short, a prefix of the complete new version waiting beside it (`.pending`), so the copy is done again. A file
 * that is not such a prefix (the copy had not begun, or the file was changed since) is left as it is. Either way the
 * pending version is removed. Readers call this before reading a project, and every write before writing.
 */
export async function finishInterruptedWrite(path: string): Promise<void> {
  let file: string;
  try {
    file = (await writeTarget(path)).file;
  } catch {
    return;
  }
  const pattern = siblingPattern(basename(file), 'pending');
  let names: string[];
  try {
    names = (await fs.readdir(dirname(file))).filter((n) => pattern.test(n));
  } catch {
    return;
  }
  for (const name of names) {
    const pending = join(dirname(file), name);
    try {
      const [whole, current] = await Promise.all([fs.readFile(pending), fs.readFile(file)]);
      const cutShort = current.length < whole.length && whole.subarray(0, current.length).equals(current);
      if (cutShort) await copyInPlace(pending, file);
      await fs.rm(pending, { force: true });
    } catch {
      // Unreadable or gone: the file is left as it is (a leftover pending file is harmless).
    }
  }
}

/** Removes temp files of earlier writes to `file` that were killed before they could clean up. */
async function removeStaleTemps(file: string, now = Date.now()): Promise<void> {
  const pattern = siblingPattern(basename(file), 'tmp');
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
 * the temp file (a rename would cut it off from its other names); should that copy be cut short, the next read or
 * write finishes it (`finishInterruptedWrite`). Temp files of writes killed earlier are removed.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await finishInterruptedWrite(path);
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
    // Marked complete first: should the copy be cut short (a kill, a crash), the next read or write finishes it.
    const pending = temp.replace(/\.tmp$/, '.pending');
    await fs.rename(temp, pending);
    await copyInPlace(pending, file);
    await fs.rm(pending, { force: true });
    return;
  }
  try {
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}
