import { mkdtempSync, promises as fs, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ModelKeeper } from '../engine/training-host';

/** How many finished runs' models a session keeps, and how many bytes of them at most (the newest is always kept). */
export const RUN_MODEL_LIMITS = { runs: 20, bytes: 512 * 1024 * 1024 };

/** Thrown when a run's model is asked for but was never kept, or has been dropped to stay within the limits. */
export class RunModelMissingError extends Error {
  constructor(what = "That run's model is no longer kept", instead = 'train it again to export it') {
    super(`${what} (LayerLab keeps the last ${RUN_MODEL_LIMITS.runs} runs of this session): ${instead}.`);
    this.name = 'RunModelMissingError';
  }
}

/**
 * The models of this session's finished runs, by run id, each a folder as the export writes it (model.json,
 * weights.bin, the project it was trained from, history.csv) in a session folder under the system's temp folder.
 * Filled by the training host as each run ends (`keep`); export of any kept run, not only the latest, reads from here.
 * Oldest runs go first past the limits. Issue #11 builds saving runs with the project on top of this.
 */
export class RunModelStore {
  private readonly root: string;
  private readonly runs: { runId: string; dir: string; bytes: number }[] = [];

  constructor(private readonly limits: { runs: number; bytes: number } = RUN_MODEL_LIMITS) {
    this.root = mkdtempSync(join(tmpdir(), 'layerlab-runs-'));
  }

  /** The training host's keeper: exports the run into its own folder and records it. */
  readonly keep: ModelKeeper = async (runId, exportTo) => {
    if (!/^[\w-]+$/.test(runId)) throw new Error(`Not a run id: ${runId}`);
    const dir = join(this.root, runId);
    await exportTo(dir);
    this.runs.push({ runId, dir, bytes: await folderBytes(dir) });
    await this.trim();
  };

  /** The folder holding the run's export; RunModelMissingError when it isn't kept. */
  folder(runId: string): string {
    const run = this.runs.find((r) => r.runId === runId);
    if (!run) throw new RunModelMissingError();
    return run.dir;
  }

  has(runId: string): boolean {
    return this.runs.some((r) => r.runId === runId);
  }

  dispose(): void {
    this.runs.length = 0;
    rmSync(this.root, { recursive: true, force: true });
  }

  private async trim(): Promise<void> {
    const total = () => this.runs.reduce((sum, r) => sum + r.bytes, 0);
    while (this.runs.length > 1 && (this.runs.length > this.limits.runs || total() > this.limits.bytes)) {
      const oldest = this.runs.shift()!;
      await fs.rm(oldest.dir, { recursive: true, force: true });
    }
  }
}

async function folderBytes(dir: string): Promise<number> {
  let bytes = 0;
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    bytes += entry.isDirectory() ? await folderBytes(path) : (await fs.stat(path)).size;
  }
  return bytes;
}
