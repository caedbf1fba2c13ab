import { sameModel } from '../../../shared/graph/same-model';
import { exportableRun, exportName } from '../training/training-session';
import type { CommandHandlers } from './command-context';

/** File: new, open, save, export. The project controller does the work (and asks before discarding changes). */
export const FILE_COMMANDS = {
  new: { perform: ({ dialogs }) => dialogs.open({ type: 'templates' }) },
  open: { perform: ({ projects }) => projects.open() },
  save: { perform: ({ projects }) => projects.save(false) },
  saveAs: { perform: ({ projects }) => projects.save(true) },
  exportModel: {
    // The run shown in the training panel, not whatever ran last (see whyNotExport for the reason when none).
    enabled: ({ training }) => exportableRun(training.getState()) !== null,
    perform: async ({ api, editor, training }) => {
      const run = exportableRun(training.getState());
      if (!run) return;
      try {
        const result = await api.training.exportModel({ runId: run.runId, name: exportName(run) });
        if (!result.saved) return;
        const changed = sameModel(run.request.graph, editor.graph)
          ? ''
          : ` The graph has changed since: this is the model as Run ${run.key} trained it.`;
        editor.setStatus(`Exported Run ${run.key}${result.where ? ` to ${result.where}` : ''}.${changed}`);
      } catch (e) {
        editor.setStatus(`Export failed: ${e instanceof Error ? e.message : String(e)}`, 'error');
      }
    },
  },
} satisfies Partial<CommandHandlers>;
