import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic-write';
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
