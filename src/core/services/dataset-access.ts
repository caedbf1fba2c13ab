import { createHash } from 'node:crypto';
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
 * (`datasets.importFile`), or the dataset of a project the user picked (ProjectDatasetGrants). A renderer that names
 * any other path (a bug, or injected script) is refused, so it cannot make the host read the user's files.
 *
 * Paths are compared after `resolve`, i.e. as the importers will read them; a folder data set allows that folder only.
 */
export class DatasetAccess {
  private readonly allowed = new Set<string>();

  /** A path the user picked in a dialog or uploaded. */
  allowImported(path: string): void {
    this.allowed.add(resolve(path));
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

/** The ledger of what project files may grant, beside the recent list; main writes it, the renderer never does. */
const PROJECT_GRANTS_FILE = 'project-dataset-grants.json';
/** Entries kept (most recent first): far more than the File menu's recent list. */
const MAX_PROJECT_GRANTS = 200;

interface ProjectGrant {
  /** The data file this project may grant when reopened, or null: nothing. */
  dataset: string | null;
  /** sha256 of the text main last wrote to this file for the renderer; absent when main never wrote it. */
  written?: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Which data file a project may grant when it is opened. The project's text is the renderer's to write (Save), so
 * the text alone never proves the user chose its data file; what does:
 * - opening a project through the open dialog grants its data file, unless the file still holds exactly the text
 *   LayerLab saved for the renderer (then only a data file that was allowed when it was saved);
 * - Open recent re-grants only the data file recorded for that project: the one allowed when it was saved, or the one
 *   it named when the user picked it in the dialog.
 * The record lives in the user data folder, so a reopened project finds its data next session too.
 */
export class ProjectDatasetGrants {
  private readonly ledgerPath: string;
  private pending: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly access: DatasetAccess,
    userDataDir: string,
  ) {
    this.ledgerPath = join(userDataDir, PROJECT_GRANTS_FILE);
  }

  /** The user picked `path` in the open dialog. */
  openedFromDialog(path: string, text: string): Promise<void> {
    return this.update(path, (entry) => {
      const dataset = fileDatasetOf(text);
      const savedByUs = entry?.written === sha256(text);
      if (savedByUs) {
        if (dataset != null && entry.dataset === resolve(dataset)) this.access.allowImported(dataset);
        return entry;
      }
      if (dataset != null) this.access.allowImported(dataset);
      return { dataset: dataset == null ? null : resolve(dataset) };
    });
  }

  /** Reopened from the recent list (a path the user chose once, its content possibly the renderer's). */
  openedFromRecent(path: string, text: string): Promise<void> {
    return this.update(path, (entry) => {
      const dataset = fileDatasetOf(text);
      if (dataset != null && entry?.dataset != null && entry.dataset === resolve(dataset))
        this.access.allowImported(dataset);
      return entry;
    });
  }

  /** Main wrote `text` (from the renderer) to `path`. */
  saved(path: string, text: string): Promise<void> {
    return this.update(path, () => {
      const dataset = fileDatasetOf(text);
      const granted = dataset != null && this.access.isAllowed(dataset) ? resolve(dataset) : null;
      return { dataset: granted, written: sha256(text) };
    });
  }

  /** Read-modify-write of one entry, one at a time; a missing or damaged ledger counts as empty. */
  private update(path: string, change: (entry: ProjectGrant | undefined) => ProjectGrant | undefined): Promise<void> {
    const next = this.pending.then(async () => {
      const ledger = await this.read();
      const key = resolve(path);
      const entry = ledger.get(key);
      const changed = change(entry);
      if (changed === entry) return;
      ledger.delete(key);
      if (changed) ledger.set(key, changed);
      const newestFirst = [...ledger].reverse().slice(0, MAX_PROJECT_GRANTS).reverse();
      await fs.mkdir(dirname(this.ledgerPath), { recursive: true });
      await writeFileAtomic(this.ledgerPath, JSON.stringify(Object.fromEntries(newestFirst)));
    });
    this.pending = next.catch(() => {});
    return next;
  }

  private async read(): Promise<Map<string, ProjectGrant>> {
    try {
      const raw = JSON.parse(await fs.readFile(this.ledgerPath, 'utf8')) as unknown;
      if (raw == null || typeof raw !== 'object' || Array.isArray(raw)) return new Map();
      const entries = Object.entries(raw as Record<string, ProjectGrant>).filter(
        ([, e]) =>
          e != null &&
          typeof e === 'object' &&
          (e.dataset === null || typeof e.dataset === 'string') &&
          (e.written === undefined || typeof e.written === 'string'),
      );
      return new Map(entries);
    } catch {
      return new Map();
    }
  }
}
