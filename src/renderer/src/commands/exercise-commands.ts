import { bytesToBase64 } from '../../../shared/base64';
import type { Exercise } from '../../../shared/exercises/exercise';
import { projectText } from '../project/project-controller';
import type { CommandContext, CommandHandlers } from './command-context';

/** Opens an exercise (from the pack or a file) once the user agreed to leave unsaved work. */
export async function openExercise(
  { projects, exercises }: Pick<CommandContext, 'projects' | 'exercises'>,
  exercise: Exercise,
): Promise<boolean> {
  if (!(await projects.confirmDiscard('Open the exercise'))) return false;
  exercises.open(exercise);
  return true;
}

const isOpen = ({ exercises }: CommandContext) => exercises.getState().exercise !== null;

/**
 * Exercises: the pack, an exercise file, Check, the submission a teacher grades, and the teacher's "Save as
 * exercise…". The exercise session (exercises/exercise-session.ts) does the work.
 */
export const EXERCISE_COMMANDS = {
  exercises: { perform: ({ dialogs }) => dialogs.open({ type: 'exercises' }) },
  openExerciseFile: {
    perform: async (context) => {
      const exercise = await context.exercises.pickFile();
      if (exercise) await openExercise(context, exercise);
    },
  },
  checkExercise: {
    enabled: (context) => isOpen(context) && !context.exercises.checking,
    perform: ({ exercises }) => exercises.check(),
  },
  stopCheck: {
    enabled: ({ exercises }) => exercises.checking,
    perform: ({ exercises }) => exercises.stopCheck(),
  },
  exportSubmission: {
    enabled: isOpen,
    perform: async ({ api, editor, exercises }) => {
      const exercise = exercises.getState().exercise;
      if (!exercise) return;
      const text = projectText(editor.getState().doc);
      const result = await api.files.save({
        suggestedName: `${exercise.id}-submission.layerlab.json`,
        base64: bytesToBase64(new TextEncoder().encode(text)),
      });
      if (result.saved)
        editor.setStatus(`Exported your submission${result.where ? ` to ${result.where}` : ''}: hand in that file.`);
    },
  },
  closeExercise: {
    enabled: isOpen,
    perform: ({ editor, exercises }) => {
      exercises.close();
      editor.setStatus('Closed the exercise: the graph stays, free to change.');
    },
  },
  saveAsExercise: {
    enabled: ({ editor }) => editor.graph.nodes.length > 0,
    perform: ({ dialogs }) => dialogs.open({ type: 'saveAsExercise' }),
  },
} satisfies Partial<CommandHandlers>;
