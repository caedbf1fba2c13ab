import { promises as fs } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { finishInterruptedWrite, writeFileAtomic } from './atomic-write';

/** Project files beyond this are refused on open: a real graph is kilobytes, weights a few megabytes. */
export const MAX_PROJECT_BYTES = 50 * 1024 * 1024;
/** How many recently used files the File menu lists. */
export const MAX_RECENT = 10;

const RECENT_FILE = 'recent-projects.json';
const AUTOSAVE_FILE = 'autosave.layerlab.json';

const zRecentList = z.array(z.string().min(1));

/** A failure the user can act on (missing file, too big, not UTF-8 text); its message names the file. */
export class ProjectFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProjectFileError';
  }
}

export interface ProjectStore {
  /** Read a project file as text; the file is never written to. */
  read(path: string): Promise<{ name: string; text: string }>;
  /** Atomic write (temp file + rename in the same directory), then remember the path as recent. */
  write(path: string, text: string): Promise<void>;
  /** Most recent first; files that no longer exist are dropped. */
  recent(): Promise<string[]>;
  addRecent(path: string): Promise<void>;
  writeAutosave(text: string): Promise<void>;
  readAutosave(): Promise<string | null>;
  clearAutosave(): Promise<void>;
}

/** Project files, the recent list and the autosave slot, all under `userDataDir` except the projects themselves. */
export function createProjectStore(options: { userDataDir: string }): ProjectStore {
  const recentPath = join(options.userDataDir, RECENT_FILE);
  const autosavePath = join(options.userDataDir, AUTOSAVE_FILE);

  async function ensureUserDataDir(): Promise<void> {
    await fs.mkdir(options.userDataDir, { recursive: true });
  }

  async function readRecentList(): Promise<string[]> {
    let text: string;
    try {
      text = await fs.readFile(recentPath, 'utf8');
    } catch {
      return [];
    }
    try {
      const parsed = zRecentList.safeParse(JSON.parse(text));
      // A damaged list is not worth an error dialog: start a fresh one.
      return parsed.success ? parsed.data : [];
    } catch {
      return [];
    }
  }

  async function writeRecentList(paths: string[]): Promise<void> {
    await ensureUserDataDir();
    await writeFileAtomic(recentPath, JSON.stringify(paths.slice(0, MAX_RECENT), null, 2));
  }

  const store: ProjectStore = {
    async read(path) {
      // A save to a hard-linked file that was killed half way is finished first (see writeFileAtomic).
      await finishInterruptedWrite(path);
      let stat;
      try {
        stat = await fs.stat(path);
      } catch {
        throw new ProjectFileError(`Cannot open ${path}: the file does not exist or cannot be read.`);
      }
      if (!stat.isFile()) throw new ProjectFileError(`Cannot open ${path}: it is not a file.`);
      if (stat.size > MAX_PROJECT_BYTES) {
        throw new ProjectFileError(`Cannot open ${path}: ${stat.size} bytes is larger than a project file can be.`);
      }
      const bytes = await fs.readFile(path);
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        throw new ProjectFileError(`Cannot open ${path}: it is not UTF-8 text, so not a LayerLab project.`);
      }
      return { name: basename(path), text };
    },

    async write(path, text) {
      await writeFileAtomic(path, text);
      await store.addRecent(path);
    },

    async recent() {
      const paths = await readRecentList();
      const existing: string[] = [];
      for (const path of paths) {
        try {
          if ((await fs.stat(path)).isFile()) existing.push(path);
        } catch {
          // Moved or deleted since: leave it out.
        }
      }
      return existing;
    },

    async addRecent(path) {
      const paths = await readRecentList();
      await writeRecentList([path, ...paths.filter((p) => p !== path)]);
    },

    async writeAutosave(text) {
      await ensureUserDataDir();
      await writeFileAtomic(autosavePath, text);
    },

    async readAutosave() {
      try {
        return await fs.readFile(autosavePath, 'utf8');
      } catch {
        return null;
      }
    },

    async clearAutosave() {
      await fs.rm(autosavePath, { force: true });
    },
  };
  return store;
}
