import { bytesToBase64 } from '../../../shared/base64';
import { graphSvg, svgToPng, themePalette } from '../canvas/graph-picture';
import { exportableRun } from '../training/training-session';
import type { CommandContext, CommandHandlers } from './command-context';

/** Draws the graph (canvas/graph-picture.ts) and saves it through the host: a save dialog, or a download. */
async function savePicture({ api, editor }: CommandContext, format: 'svg' | 'png'): Promise<void> {
  const svg = graphSvg(editor.graph, editor.analysis, editor.sizeOf, themePalette());
  const bytes = format === 'svg' ? new TextEncoder().encode(svg) : await svgToPng(svg);
  const name = `${editor.getState().project.name.trim() || 'graph'}.${format}`;
  const result = await api.files.save({ suggestedName: name, base64: bytesToBase64(bytes) });
  if (result.saved) editor.setStatus(`Saved a picture of the graph${result.where ? ` to ${result.where}` : ''}.`);
}

const hasLayers = ({ editor }: CommandContext) => editor.graph.nodes.length > 0;

/** File: new, open, save, export. The project controller does the work (and asks before discarding changes). */
export const FILE_COMMANDS = {
  new: { perform: ({ dialogs }) => dialogs.open({ type: 'templates' }) },
  open: { perform: ({ projects }) => projects.open() },
  save: { perform: ({ projects }) => projects.save(false) },
  saveAs: { perform: ({ projects }) => projects.save(true) },
  openModel: { perform: ({ projects }) => projects.importModel() },
  exportModel: {
    // The run shown in the training panel, not whatever ran last (see whyNotExport for the reason when none). The
    // dialog asks for the format and what goes along (training/export-dialog.tsx).
    enabled: ({ training }) => exportableRun(training.getState()) !== null,
    perform: ({ dialogs, training }) => {
      if (exportableRun(training.getState())) dialogs.open({ type: 'exportModel' });
    },
  },
  exportGraphPng: { enabled: hasLayers, perform: (context) => savePicture(context, 'png') },
  exportGraphSvg: { enabled: hasLayers, perform: (context) => savePicture(context, 'svg') },
} satisfies Partial<CommandHandlers>;
