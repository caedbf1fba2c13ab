import { sameModel } from '../../../shared/graph/same-model';
import { EXPORT_FORMAT_LABELS, type ExportFormat } from '../../../shared/interop/export-formats';
import type { LayerLabApi } from '../../../shared/ipc/api';
import type { EditorStore } from '../store/editor-store';
import { exportName, type RunRecord } from './training-session';

/** What the Export dialog asks. */
export interface ExportChoices {
  format: ExportFormat;
  /** The run's data set as data.npz beside the model. */
  includeData: boolean;
  /** The weights the run trained, rather than freshly initialized ones. */
  includeWeights: boolean;
}

/** What Export model… has always written: the TensorFlow.js model as the run trained it. */
export const DEFAULT_EXPORT_CHOICES: ExportChoices = { format: 'tfjs', includeData: false, includeWeights: true };

/**
 * The export's folder or zip name: the run's ("XOR-run-1") for LayerLab's own format, the format added for the
 * others ("XOR-run-1-pytorch"), so exports of one run in several formats don't overwrite each other.
 */
export function exportNameFor(run: RunRecord, format: ExportFormat): string {
  return format === 'tfjs' ? exportName(run) : `${exportName(run)}-${format}`;
}

/**
 * Exports a finished run through the host (a folder dialog in Electron, a zip download in browser mode) and says on
 * the status line where it went. Failures reject with the host's reason, for the dialog to show.
 */
export async function exportRun(
  api: LayerLabApi,
  editor: EditorStore,
  run: RunRecord & { runId: string },
  choices: ExportChoices,
): Promise<boolean> {
  const result = await api.training.exportModel({
    runId: run.runId,
    name: exportNameFor(run, choices.format),
    ...choices,
  });
  if (!result.saved) return false;
  const changed = sameModel(run.request.graph, editor.graph)
    ? ''
    : ` The graph has changed since: this is the model as Run ${run.key} trained it.`;
  editor.setStatus(
    `Exported Run ${run.key} as ${EXPORT_FORMAT_LABELS[choices.format]}${result.where ? ` to ${result.where}` : ''}.${changed}`,
  );
  return true;
}
