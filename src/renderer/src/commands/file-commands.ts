import type { CommandHandlers } from './command-context';
import { hasTrainedModel } from './training-commands';

/** File: new, open, save, export. The project controller does the work (and asks before discarding changes). */
export const FILE_COMMANDS = {
  new: { perform: ({ dialogs }) => dialogs.open({ type: 'templates' }) },
  open: { perform: ({ projects }) => projects.open() },
  save: { perform: ({ projects }) => projects.save(false) },
  saveAs: { perform: ({ projects }) => projects.save(true) },
  exportModel: {
    enabled: hasTrainedModel,
    perform: async ({ api, editor }) => {
      try {
        const result = await api.training.exportModel();
        if (result.saved) editor.setStatus(result.where ? `Model exported to ${result.where}.` : 'Model exported.');
      } catch (e) {
        editor.setStatus(`Export failed: ${e instanceof Error ? e.message : String(e)}`, 'error');
      }
    },
  },
} satisfies Partial<CommandHandlers>;
