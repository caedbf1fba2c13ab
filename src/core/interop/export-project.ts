import type { ModelGraph } from '../../shared/graph/model-graph';
import type { ExportFormat } from '../../shared/interop/export-formats';
import type { DatasetRef } from '../../shared/training/dataset';
import type { Task } from '../../shared/training/task';
import type { TrainConfig } from '../../shared/training/train-config';
import { encodeNpz } from '../datasets/npz-writer';
import { DATA_NPZ, dataArrays, loadExportDataset, type ExportDataset } from './export-data';
import { writeExportFiles, type ExportFile } from './export-file';
import { planExport, type ExportPlan } from './export-plan';
import type { FormatExporter } from './format-exporter';
import { KERAS_EXPORTER } from './keras/export-keras';
import { ONNX_EXPORTER } from './onnx/export-onnx';
import { PYTORCH_EXPORTER } from './pytorch/export-pytorch';
import { TFJS_EXPORTER } from './tfjs/export-tfjs';
import { matchWeights, requireAllWeights } from './weights/match-weights';
import type { NamedWeights } from './weights/named-weights';

/** The exporter of each format the shared registry lists (a format without one does not compile). */
export const EXPORTERS: Record<ExportFormat, FormatExporter> = {
  tfjs: TFJS_EXPORTER,
  pytorch: PYTORCH_EXPORTER,
  keras: KERAS_EXPORTER,
  onnx: ONNX_EXPORTER,
};

export interface ExportRequest {
  format: ExportFormat;
  graph: ModelGraph;
  training: TrainConfig;
  /** The project's dataset, saved in exported project files. */
  dataset: DatasetRef;
  task: Task;
  /** How generated files name the project, e.g. `cnn` or `my-net`. */
  projectName: string;
  /** Data to write as data.npz (split as LayerLab trains), or none. */
  data?: DatasetRef;
  /** Trained weights by layer name (e.g. from a run folder); every layer must find its own. */
  weights?: { source: NamedWeights; origin: string };
  outDir: string;
}

/** What the export writes, before it goes anywhere: a folder (`exportProject`) or a zip (browser mode). */
export interface RenderedExport {
  plan: ExportPlan;
  files: ExportFile[];
}

export interface ExportResult {
  plan: ExportPlan;
  /** Absolute paths of the files written. */
  files: string[];
}

/**
 * Exports a project in one format: plans the model (refusing an invalid graph), matches the weights, renders the
 * format's files and data.npz, and only then writes anything, so bad input leaves the output folder untouched.
 */
export async function exportProject(request: ExportRequest): Promise<ExportResult> {
  const { plan, files } = await renderExport(request);
  return { plan, files: await writeExportFiles(request.outDir, files) };
}

/** The export's files in memory: the one path every export takes (CLI, the app's folder, browser mode's zip). */
export async function renderExport(request: Omit<ExportRequest, 'outDir'>): Promise<RenderedExport> {
  const dataset: ExportDataset | null = request.data ? await loadExportDataset(request.data) : null;
  const plan = planExport({
    graph: request.graph,
    training: request.training,
    task: request.task,
    projectName: request.projectName,
    ...(dataset ? { classNames: dataset.classNames } : {}),
  });
  const weights = request.weights
    ? requireAllWeights(matchWeights(plan, request.weights.source), request.weights.origin)
    : null;
  const files: ExportFile[] = await EXPORTERS[request.format].files({
    plan,
    project: { graph: request.graph, training: request.training, dataset: request.dataset, task: request.task },
    weights,
    withData: dataset != null,
  });
  if (dataset) {
    const arrays = dataArrays(dataset, plan.input.outputShape, request.training);
    files.push({ name: DATA_NPZ, contents: encodeNpz(arrays, { compress: true }) });
  }
  return { plan, files };
}
