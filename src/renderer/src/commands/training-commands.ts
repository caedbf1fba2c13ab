import { applyTrainingRules, type RuledTraining } from '../../../shared/exercises/training-rules';
import { trainingRequest } from '../../../shared/ipc/training-protocol';
import type { EditorStore } from '../store/editor-store';
import { activeRun } from '../training/training-session';
import type { CommandContext, CommandHandlers } from './command-context';

/**
 * The settings Train uses: the project's, or in an exercise the project's under the exercise's rules (fixed seed
 * and split, the epoch budget…), exactly as Check trains them; null outside an exercise.
 */
export function ruledTraining(editor: EditorStore): RuledTraining | null {
  const { constraints, doc } = editor.getState();
  if (!constraints) return null;
  const ruled = applyTrainingRules(constraints.rules, doc.training);
  // A check leaves the backend to the host; Train keeps the one the student picked.
  const { backend } = doc.training;
  return backend === undefined ? ruled : { ...ruled, training: { ...ruled.training, backend } };
}

/**
 * Why the project cannot be trained now (the first reason, shown next to Train), or null when it can: a field holding
 * text that is not a valid value (training would silently use the old one), data that can't be read, an empty graph
 * or an error in it, a setting the open exercise's rules do not allow.
 */
export function whyNotTrain(editor: EditorStore): string | null {
  const state = editor.getState();
  const field = state.fieldProblems.values().next();
  if (!field.done) return field.value;
  if (state.datasetProblem) return state.datasetProblem;
  if (editor.graph.nodes.length === 0) return 'Add layers to the graph first.';
  const graphError = editor.analysis.problems.find((p) => p.severity === 'error')?.message;
  if (graphError) return graphError;
  const violation = ruledTraining(editor)?.violations[0];
  return violation ? `The exercise's rules: ${violation}.` : null;
}

const phase = ({ training }: CommandContext) => activeRun(training.getState())?.phase;

/** Train, pause, resume, stop: the training session talks to the host; these say when each applies. */
export const TRAINING_COMMANDS = {
  train: {
    enabled: (context) => whyNotTrain(context.editor) === null && phase(context) === undefined,
    perform: ({ editor, training }) => {
      const { doc, project } = editor.getState();
      const ruled = ruledTraining(editor);
      if (ruled && ruled.adjustments.length > 0)
        editor.setStatus(`Training under the exercise's rules: ${ruled.adjustments.join('; ')}.`);
      const request = trainingRequest(ruled ? { ...doc, training: ruled.training } : doc);
      // The app shows what happens inside the network, so its runs record what the views need.
      return training.start({ ...request, views: true }, project.name);
    },
  },
  pause: { enabled: (context) => phase(context) === 'running', perform: ({ training }) => training.pause() },
  resume: { enabled: (context) => phase(context) === 'paused', perform: ({ training }) => training.resume() },
  stop: {
    enabled: (context) => phase(context) !== undefined && phase(context) !== 'stopping',
    perform: ({ training }) => training.stop(),
  },
} satisfies Partial<CommandHandlers>;
