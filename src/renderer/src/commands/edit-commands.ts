import { copyLayers, pasteLayers } from '../store/system-clipboard';
import type { CommandContext, CommandHandlers } from './command-context';

const hasSelectedLayers = ({ editor }: CommandContext) => editor.getState().selectedNodes.size > 0;

/** Edit: history, clipboard (in memory and, where allowed, the system's) and selection. */
export const EDIT_COMMANDS = {
  undo: { enabled: ({ editor }) => editor.getState().canUndo, perform: ({ editor }) => editor.undo() },
  redo: { enabled: ({ editor }) => editor.getState().canRedo, perform: ({ editor }) => editor.redo() },
  cut: {
    enabled: hasSelectedLayers,
    perform: ({ editor, clipboard }) => copyLayers(editor, clipboard, { cut: true }),
  },
  copy: {
    enabled: hasSelectedLayers,
    perform: async ({ editor, clipboard }) => {
      const count = await copyLayers(editor, clipboard);
      if (count > 0) editor.setStatus(`Copied ${count} layer(s).`);
    },
  },
  paste: { perform: ({ editor, clipboard }) => pasteLayers(editor, clipboard) },
  duplicate: { enabled: hasSelectedLayers, perform: ({ editor }) => editor.duplicate() },
  delete: {
    enabled: ({ editor }) => editor.getState().selectedNodes.size + editor.getState().selectedEdges.size > 0,
    perform: ({ editor }) => editor.deleteSelection(),
  },
  selectAll: { perform: ({ editor }) => editor.selectAll() },
} satisfies Partial<CommandHandlers>;
