import { layoutGraph } from '../canvas/auto-layout';
import type { CommandHandlers } from './command-context';

/** How the canvas fits a graph: some room around it, and never zoomed in past 120 %. */
export const FIT_VIEW_OPTIONS = { padding: 0.2, maxZoom: 1.2 };

/** View: the canvas camera, the layout, the theme and the command palette. */
export const VIEW_COMMANDS = {
  commandPalette: { perform: ({ dialogs }) => dialogs.open({ type: 'commandPalette' }) },
  fitView: { perform: ({ viewport }) => viewport.fitView({ ...FIT_VIEW_OPTIONS, duration: 200 }) },
  zoomIn: { perform: ({ viewport }) => viewport.zoomIn({ duration: 150 }) },
  zoomOut: { perform: ({ viewport }) => viewport.zoomOut({ duration: 150 }) },
  autoLayout: {
    perform: async ({ editor, viewport }) => {
      if (editor.graph.nodes.length === 0) return;
      const positions = await layoutGraph(editor.graph, editor.getState().measured);
      editor.moveNodes(positions);
      // No animation: the graph is where it will stay as soon as the layout lands.
      window.requestAnimationFrame(() => void viewport.fitView(FIT_VIEW_OPTIONS));
    },
  },
  toggleTheme: { perform: ({ theme }) => theme.toggle() },
} satisfies Partial<CommandHandlers>;
