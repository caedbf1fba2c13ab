import { countOf } from '../../../shared/text/plural';
import { copyLayers, pasteLayers } from '../store/system-clipboard';
import type { CommandContext, CommandHandlers } from './command-context';

const hasSelectedLayers = ({ editor }: CommandContext) => editor.getState().selectedNodes.size > 0;

/** Edit: history, clipboard (in memory and, where allowed, the system's) and selection. */
export const EDIT_COMMANDS = {
  undo: { enabled: ({ editor }) => editor.getState().canUndo, perform: ({ editor }) => editor.undo() },
  redo: { enabled: ({ editor }) => editor.getState().canRedo, perform: ({ editor }) => editor.redo() },
  cut: {
    enabled: hasSelectedLayers,
    perform: async ({ editor, clipboard }) => {
      const count = await copyLayers(editor, clipboard, { cut: true });
      if (count > 0) editor.setStatus(`Cut ${countOf(count, 'layer')}.`);
    },
  },
  copy: {
    enabled: hasSelectedLayers,
    perform: async ({ editor, clipboard }) => {
      const count = await copyLayers(editor, clipboard);
      if (count > 0) editor.setStatus(`Copied ${countOf(count, 'layer')}.`);
    },
  },
  paste: {
    perform: async ({ editor, clipboard }) => {
      const { count } = await pasteLayers(editor, clipboard);
      // Says what happened now, replacing whatever the last copy reported.
      if (count > 0) editor.setStatus(`Pasted ${countOf(count, 'layer')}.`);
    },
  },
  duplicate: {
    enabled: hasSelectedLayers,
    perform: ({ editor }) => {
      const count = editor.duplicate();
      if (count > 0) editor.setStatus(`Duplicated ${countOf(count, 'layer')}.`);
    },
  },
  delete: {
    enabled: ({ editor }) => editor.getState().selectedNodes.size + editor.getState().selectedEdges.size > 0,
    perform: ({ editor }) => editor.deleteSelection(),
  },
  selectAll: { perform: ({ editor }) => editor.selectAll() },
} satisfies Partial<CommandHandlers>;
