import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExportFormat } from '../../shared/interop/export-formats';
import { HISTORY_CSV } from '../engine/export-model';
import type { ExportFile } from '../interop/export-file';
import { renderExport } from '../interop/export-project';
import { readRunDir } from '../interop/run-dir';
import type { DatasetAccess } from './dataset-access';

/** What the app's Export dialog asks for: a kept run, in one format, with or without its data and trained weights. */
export interface RunExportOptions {
  /** The run's kept folder (RunModelStore.folder). */
  runDir: string;
  format: ExportFormat;
  /** How generated files name the project, e.g. "XOR-run-1". */
  projectName: string;
  /** Write the run's data set as data.npz (split as LayerLab trained on it). */
  includeData: boolean;
  /** Export the weights the run trained; otherwise freshly initialized ones. */
  includeWeights: boolean;
  /** The data file must still be one the user chose: the run's project names it. */
  access: DatasetAccess;
}

/**
 * A finished run exported through the same `renderExport` as `layerlab export --from RUN_DIR`: the project the run
 * trained (not the graph as edited since), its weights if asked, its data if asked, and the run's history.csv.
 * Nothing is written here; the host writes the files into a folder (Electron) or zips them (browser mode).
 */
export async function renderRunExport(options: RunExportOptions): Promise<ExportFile[]> {
  const run = await readRunDir(options.runDir);
  const { project } = run;
  if (options.includeData) options.access.check(project.dataset);
  const { files } = await renderExport({
    format: options.format,
    graph: project.graph,
    training: project.training,
    dataset: project.dataset,
    task: project.task,
    projectName: options.projectName,
    ...(options.includeData ? { data: project.dataset } : {}),
    ...(options.includeWeights ? { weights: { source: run.weights, origin: 'the run' } } : {}),
  });
  const history = await readFile(join(run.dir, HISTORY_CSV)).catch(() => null);
  if (history) files.push({ name: HISTORY_CSV, contents: history });
  return files;
}
