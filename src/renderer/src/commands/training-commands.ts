import { trainingRequest } from '../../../shared/ipc/training-protocol';
import type { EditorStore } from '../store/editor-store';
import { activeRun } from '../training/training-session';
import type { CommandContext, CommandHandlers } from './command-context';

/** Why the current graph cannot be trained (the first reason, for the panel), or null when it can. */
export function whyNotTrain(editor: EditorStore): string | null {
  if (editor.graph.nodes.length === 0) return 'Add layers to the graph first.';
  return editor.analysis.problems.find((p) => p.severity === 'error')?.message ?? null;
}

/** A run finished (or was stopped) and none is in flight: there is a model to export. */
export function hasTrainedModel({ training }: CommandContext): boolean {
  const session = training.getState();
  return activeRun(session) === null && session.runs.some((r) => r.phase === 'done' || r.phase === 'cancelled');
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
