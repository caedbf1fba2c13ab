import { flowDirection, type FlowDirection } from '../../../shared/graph/model-graph';
import { layoutGraph } from '../canvas/auto-layout';
import { LAYER_SEARCH_ID } from '../palette/palette';
import type { CommandContext, CommandHandlers } from './command-context';

/** Lays the graph out along `direction` (one undoable edit) and fits it in view once it has landed. */
async function arrange({ editor, viewport }: CommandContext, direction: FlowDirection): Promise<void> {
  if (editor.graph.nodes.length === 0) return;
  const positions = await layoutGraph(editor.graph, editor.getState().measured, direction);
  editor.arrange(positions, direction);
  // No animation: the graph is where it will stay as soon as the layout lands. Two frames: the cards' handles move
  // when the direction turns, and React Flow measures them again first.
  window.requestAnimationFrame(() => window.requestAnimationFrame(() => viewport.fit()));
}

/** View: the canvas camera, the layout, the theme and the command palette. */
export const VIEW_COMMANDS = {
  commandPalette: { perform: ({ dialogs }) => dialogs.open({ type: 'commandPalette' }) },
  fitView: { perform: ({ viewport }) => viewport.fit({ duration: 200 }) },
  zoomIn: { perform: ({ viewport }) => viewport.zoomIn({ duration: 150 }) },
  zoomOut: { perform: ({ viewport }) => viewport.zoomOut({ duration: 150 }) },
  autoLayout: { perform: (context) => arrange(context, flowDirection(context.editor.graph)) },
  toggleLayoutDirection: {
    perform: (context) => arrange(context, flowDirection(context.editor.graph) === 'down' ? 'right' : 'down'),
  },
  findLayer: {
    perform: ({ panels }) => {
      panels.setCollapsed('palette', false);
      // The search box is in the palette, which may only now be shown: focus it once it is.
      window.requestAnimationFrame(() => document.getElementById(LAYER_SEARCH_ID)?.focus());
    },
  },
  togglePalette: { perform: ({ panels }) => panels.toggle('palette') },
  toggleSidePanel: { perform: ({ panels }) => panels.toggle('side') },
  toggleTrainingPanel: { perform: ({ panels }) => panels.toggle('dock') },
  toggleTheme: { perform: ({ theme }) => theme.toggle() },
} satisfies Partial<CommandHandlers>;
