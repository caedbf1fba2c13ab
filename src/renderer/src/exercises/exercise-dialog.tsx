import { COURSE_EXERCISES } from '../../../shared/exercises/course';
import type { Exercise } from '../../../shared/exercises/exercise';
import { useCommands, useExerciseState } from '../app-context';
import { Modal } from '../ui/modal';
import { progressText } from './exercise-progress';

/**
 * "Exercises": the course pack in the seminar's order, each with its one-line summary and whether the student passed
 * it (progress kept in this browser or app), and "Open exercise file…" for one a teacher handed out.
 */
export function ExerciseDialog(props: { onOpen: (exercise: Exercise) => void; onClose: () => void }) {
  const { progress, exercise: open } = useExerciseState();
  const commands = useCommands();
  return (
    <Modal
      title="Exercises"
      onClose={props.onClose}
      wide
      footer={
        <>
          <button
            type="button"
            onClick={() => {
              props.onClose();
              commands.run('openExerciseFile');
            }}
          >
            Open exercise file…
          </button>
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
        </>
      }
    >
      <ul className="template-list exercise-list" aria-label="Course exercises">
        {COURSE_EXERCISES.map((exercise, index) => {
          const entry = progress[exercise.id];
          const status = progressText(entry);
          return (
            <li key={exercise.id}>
              <button
                type="button"
                className="template-item"
                aria-label={`${exercise.title}: ${status}`}
                onClick={() => props.onOpen(exercise)}
                {...(index === 0 ? { 'data-autofocus': true } : {})}
              >
                <span className="template-name">
                  {exercise.title}
                  {open?.id === exercise.id && <span className="badge">open</span>}
                  <span className={`exercise-status${entry?.passed ? ' is-passed' : ''}`}>
                    {entry?.passed && <span aria-hidden="true">✓ </span>}
                    {status}
                  </span>
                </span>
                <span className="template-description">{exercise.summary}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </Modal>
  );
}
