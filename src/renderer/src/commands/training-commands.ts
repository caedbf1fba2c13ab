import { trainingRequest } from '../../../shared/ipc/training-protocol';
import type { EditorStore } from '../store/editor-store';
import { activeRun } from '../training/training-session';
import type { CommandContext, CommandHandlers } from './command-context';

/**
 * Why the project cannot be trained now (the first reason, shown next to Train), or null when it can: a field holding
 * text that is not a valid value (training would silently use the old one), data that can't be read, an empty graph
 * or an error in it.
 */
export function whyNotTrain(editor: EditorStore): string | null {
  const state = editor.getState();
  const field = state.fieldProblems.values().next();
  if (!field.done) return field.value;
  if (state.datasetProblem) return state.datasetProblem;
  if (editor.graph.nodes.length === 0) return 'Add layers to the graph first.';
  return editor.analysis.problems.find((p) => p.severity === 'error')?.message ?? null;
}

const phase = ({ training }: CommandContext) => activeRun(training.getState())?.phase;

/** Train, pause, resume, stop: the training session talks to the host; these say when each applies. */
export const TRAINING_COMMANDS = {
  train: {
    enabled: (context) => whyNotTrain(context.editor) === null && phase(context) === undefined,
    perform: ({ editor, training }) => {
      const { doc, project } = editor.getState();
      return training.start(trainingRequest(doc), project.name);
    },
  },
  pause: { enabled: (context) => phase(context) === 'running', perform: ({ training }) => training.pause() },
  resume: { enabled: (context) => phase(context) === 'paused', perform: ({ training }) => training.resume() },
  stop: {
    enabled: (context) => phase(context) !== undefined && phase(context) !== 'stopping',
    perform: ({ training }) => training.stop(),
  },
} satisfies Partial<CommandHandlers>;
