import { promises as fs } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { npyLabelsPath } from '../datasets/numpy-importer';
import { parseProjectFile } from '../../shared/graph/project-file';
import { datasetName, type DatasetRef } from '../../shared/training/dataset';
import { writeFileAtomic } from './atomic-write';
import type { ProjectStore } from './project-store';

/**
 * Thrown, before anything is read, for a data file this session was not given: a project opened in a browser, after
 * a restart of browser mode, or a path a renderer made up. The message names the file as the user knows it (never
 * the path on this machine, which in browser mode is a server-side copy) and says how to get it back.
 */
export class DatasetAccessError extends Error {
  constructor(
    readonly path: string,
    name = basename(path),
  ) {
    super(`The data file “${name}” is not loaded in this session: import it again with Import data….`);
    this.name = 'DatasetAccessError';
  }
}

/**
 * The data files this session may read. Files reach the app only through the user: a native dialog or an upload
 * (`datasets.importFile`), or the dataset of a project the user opened. A renderer that names any other path (a
 * bug, or injected script) is refused, so it cannot make the host read the user's files.
 *
 * Paths are compared after `resolve`, i.e. as the importers will read them; a folder data set allows that folder only.
 */
export class DatasetAccess {
  private readonly allowed = new Set<string>();

  /** A path the user picked in a dialog or uploaded. */
  allowImported(path: string): void {
    this.allowed.add(resolve(path));
  }

  /**
   * The dataset a project file refers to, when the user opened that file. Text that is not a valid project grants
   * nothing (the renderer will report the problem when it parses it).
   */
  allowFromProject(text: string): void {
    const parsed = parseProjectFile(text);
    if (parsed.ok && parsed.project.dataset.kind === 'file') this.allowImported(parsed.project.dataset.path);
  }

  /** Whether the session may read this exact file. */
  isAllowed(path: string): boolean {
    return this.allowed.has(resolve(path));
  }

  /** Built-in data sets always; a file only when allowed, together with every other file the ref makes the importer read. */
  check(ref: DatasetRef): void {
    if (ref.kind === 'builtin') return;
    const path = resolve(ref.path);
    if (!this.allowed.has(path)) throw new DatasetAccessError(ref.path, datasetName(ref));
    const labels = npyLabelsPath(path, ref.y);
    // The labels of a lone .npy sit beside it in the folder the user chose from; `y` must not reach elsewhere.
    if (labels && !this.allowed.has(labels) && dirname(labels) !== dirname(path)) throw new DatasetAccessError(labels);
  }
}

/** Main-written record of which autosave data file was already allowed when it was saved (the renderer can't write it). */
const AUTOSAVE_GRANT_FILE = 'autosave-dataset.json';

function fileDatasetOf(text: string): string | null {
  const parsed = parseProjectFile(text);
  return parsed.ok && parsed.project.dataset.kind === 'file' ? parsed.project.dataset.path : null;
}

/**
 * The autosave slot, keeping an imported data file usable after a crash: when the autosave refers to a file the
 * session had allowed, main records that grant beside it; reading the autosave back in a later session re-allows
 * exactly that file. The autosave text itself comes from the renderer and never grants anything.
 */
export function guardAutosave(inner: ProjectStore, access: DatasetAccess, userDataDir: string): ProjectStore {
  const grantPath = join(userDataDir, AUTOSAVE_GRANT_FILE);
  return {
    ...inner,
    async writeAutosave(text) {
      const path = fileDatasetOf(text);
      if (path != null && access.isAllowed(path))
        await writeFileAtomic(grantPath, JSON.stringify({ path: resolve(path) }));
      else await fs.rm(grantPath, { force: true });
      await inner.writeAutosave(text);
    },
    async readAutosave() {
      const text = await inner.readAutosave();
      const path = text == null ? null : fileDatasetOf(text);
      if (path != null) {
        const granted = await fs
          .readFile(grantPath, 'utf8')
          .then((raw) => (JSON.parse(raw) as { path?: unknown }).path)
          .catch(() => null);
        if (granted === resolve(path)) access.allowImported(path);
      }
      return text;
    },
    async clearAutosave() {
      await fs.rm(grantPath, { force: true });
      await inner.clearAutosave();
    },
  };
}
