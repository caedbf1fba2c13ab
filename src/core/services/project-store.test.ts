import {
  chmodSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { finishInterruptedWrite, STALE_TEMP_MS, writeFileAtomic } from './atomic-write';
import { createProjectStore, MAX_RECENT } from './project-store';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'layerlab-store-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('replaces the file and leaves no temp file behind', async () => {
    const dir = tempDir();
    const path = join(dir, 'net.layerlab.json');
    writeFileSync(path, 'old');
    await writeFileAtomic(path, 'new');
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['net.layerlab.json']);
  });

  it('saves through a symbolic link into its target and keeps the link', async () => {
    // Before: the rename replaced the link with a regular file; the target kept the old content.
    const dir = tempDir();
    mkdirSync(join(dir, 'real'));
    writeFileSync(join(dir, 'real', 'net.layerlab.json'), 'old');
    symlinkSync(join('real', 'net.layerlab.json'), join(dir, 'link.layerlab.json'));
    await writeFileAtomic(join(dir, 'link.layerlab.json'), 'new');
    expect(lstatSync(join(dir, 'link.layerlab.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'real', 'net.layerlab.json'), 'utf8')).toBe('new');
    expect(readdirSync(join(dir, 'real'))).toEqual(['net.layerlab.json']);
  });

  it.skipIf(process.platform === 'win32')('keeps the permissions of the file it replaces (600 stays 600)', async () => {
    const dir = tempDir();
    const path = join(dir, 'private.layerlab.json');
    writeFileSync(path, 'old', { mode: 0o600 });
    chmodSync(path, 0o600);
    await writeFileAtomic(path, 'new');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toBe('new');
  });

  it('rewrites a file with other hard links in place, so every name sees the new content', async () => {
    const dir = tempDir();
    const path = join(dir, 'net.layerlab.json');
    writeFileSync(path, 'old');
    linkSync(path, join(dir, 'backup-name.layerlab.json'));
    await writeFileAtomic(path, 'new');
    expect(readFileSync(join(dir, 'backup-name.layerlab.json'), 'utf8')).toBe('new');
    expect(statSync(path).nlink).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(['backup-name.layerlab.json', 'net.layerlab.json']);
  });

  it('finishes a hard-linked save that was killed while copying in place, when the project is next read', async () => {
    // What a kill during the in-place copy leaves: the file cut short, the whole new version marked pending beside it.
    const dir = tempDir();
    const path = join(dir, 'net.layerlab.json');
    const newer = JSON.stringify({ version: 'new', pad: 'x'.repeat(5000) });
    writeFileSync(path, newer.slice(0, 1234));
    linkSync(path, join(dir, 'backup-name.layerlab.json'));
    writeFileSync(join(dir, '.net.layerlab.json.0123456789ab.pending'), newer);
    const store = createProjectStore({ userDataDir: join(dir, 'user-data') });
    expect((await store.read(path)).text).toBe(newer);
    expect(readFileSync(join(dir, 'backup-name.layerlab.json'), 'utf8')).toBe(newer);
    expect(statSync(path).nlink).toBe(2);
    expect(readdirSync(dir).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('leaves a file alone that is not a cut-short copy of the pending version (changed since, or never begun)', async () => {
    const dir = tempDir();
    const path = join(dir, 'net.layerlab.json');
    writeFileSync(path, 'edited elsewhere since');
    writeFileSync(join(dir, '.net.layerlab.json.0123456789ab.pending'), 'the version whose save was killed');
    await finishInterruptedWrite(path);
    expect(readFileSync(path, 'utf8')).toBe('edited elsewhere since');
    expect(readdirSync(dir)).toEqual(['net.layerlab.json']);
  });

  it('removes temp files that a killed save left, once they are stale, and no one else’s', async () => {
    const dir = tempDir();
    const path = join(dir, 'net.layerlab.json');
    const stale = join(dir, '.net.layerlab.json.0123456789ab.tmp');
    const fresh = join(dir, '.net.layerlab.json.ba9876543210.tmp');
    const other = join(dir, '.other.json.0123456789ab.tmp');
    for (const file of [stale, fresh, other]) writeFileSync(file, 'half');
    const old = new Date(Date.now() - STALE_TEMP_MS - 60_000);
    utimesSync(stale, old, old);
    utimesSync(other, old, old);
    await writeFileAtomic(path, 'new');
    expect(readdirSync(dir).sort()).toEqual([fresh, other, path].map((p) => basename(p)).sort());
  });

  it('keeps the old content when the write fails', async () => {
    const dir = tempDir();
    const path = join(dir, 'target');
    mkdirSync(path); // renaming a file over a directory fails
    await expect(writeFileAtomic(path, 'x')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['target']);
  });
});

describe('createProjectStore', () => {
  it('reads what it wrote and names the file', async () => {
    const dir = tempDir();
    const store = createProjectStore({ userDataDir: join(dir, 'user') });
    const path = join(dir, 'cnn.layerlab.json');
    await store.write(path, '{"format":"layerlab"}');
    await expect(store.read(path)).resolves.toEqual({ name: 'cnn.layerlab.json', text: '{"format":"layerlab"}' });
    await expect(store.recent()).resolves.toEqual([path]);
  });

  it('gives clear errors naming the file for missing, non-text and folder paths', async () => {
    const dir = tempDir();
    const store = createProjectStore({ userDataDir: join(dir, 'user') });
    await expect(store.read(join(dir, 'nope.json'))).rejects.toThrow(/nope\.json: the file does not exist/);
    const binary = join(dir, 'weights.bin');
    writeFileSync(binary, Buffer.from([0xff, 0xfe, 0x00, 0xc3]));
    await expect(store.read(binary)).rejects.toThrow(/weights\.bin: it is not UTF-8 text/);
    await expect(store.read(dir)).rejects.toThrow(/it is not a file/);
    // A failed open never touches the file.
    expect([...readFileSync(binary)]).toEqual([0xff, 0xfe, 0x00, 0xc3]);
  });

  it('keeps the recent list most-recent-first, deduplicated, bounded, and without deleted files', async () => {
    const dir = tempDir();
    const store = createProjectStore({ userDataDir: join(dir, 'user') });
    const paths = Array.from({ length: MAX_RECENT + 2 }, (_, i) => join(dir, `p${i}.layerlab.json`));
    for (const p of paths) await store.write(p, '{}');
    await store.addRecent(paths[3]);
    const recent = await store.recent();
    expect(recent).toHaveLength(MAX_RECENT);
    expect(recent[0]).toBe(paths[3]);
    expect(recent[1]).toBe(paths[paths.length - 1]);
    expect(new Set(recent).size).toBe(recent.length);
    rmSync(paths[3]);
    expect(await store.recent()).not.toContain(paths[3]);
  });

  it('ignores a damaged recent list instead of failing', async () => {
    const dir = tempDir();
    const user = join(dir, 'user');
    mkdirSync(user);
    writeFileSync(join(user, 'recent-projects.json'), '{not json');
    const store = createProjectStore({ userDataDir: user });
    await expect(store.recent()).resolves.toEqual([]);
  });

  it('writes, reads back and clears the autosave slot in the user data dir', async () => {
    const dir = tempDir();
    const user = join(dir, 'user');
    const store = createProjectStore({ userDataDir: user });
    await expect(store.readAutosave()).resolves.toBeNull();
    await store.writeAutosave('{"graph":1}');
    expect(readdirSync(user)).toEqual(['autosave.layerlab.json']);
    await expect(store.readAutosave()).resolves.toBe('{"graph":1}');
    await store.clearAutosave();
    await expect(store.readAutosave()).resolves.toBeNull();
  });
});
