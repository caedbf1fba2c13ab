import { useEffect, useState } from 'react';
import { getCriterionDefinition } from '../../../shared/exercises/criteria/registry';
import { type Exercise, resolveCriteria } from '../../../shared/exercises/exercise';
import { describeTrainingRules } from '../../../shared/exercises/training-rules';
import { getLayerDefinition } from '../../../shared/layers/catalogue';
import { countOf } from '../../../shared/text/plural';
import { useEditorSelector, useExercises, useExerciseState } from '../app-context';
import { CommandButton } from '../commands/command-button';
import { type CheckProgress, checkProgressText } from './check-progress';
import { ExerciseChecklist } from './exercise-checklist';
import { progressText } from './exercise-progress';
import { Instructions } from './instructions';

/** Seconds since `since`, ticking while a check runs. */
function useElapsed(since: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (since === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [since]);
  return since === null ? 0 : Math.max(0, Math.round((now - since) / 1000));
}

/** The check's training, epoch by epoch: a progressbar over the epochs (indeterminate until the process started). */
function CheckProgressBar(props: { progress: CheckProgress }) {
  const { epochs, epoch } = props.progress;
  const text = checkProgressText(props.progress);
  const share = epochs === null || epochs === 0 ? 0 : Math.min(1, epoch / epochs);
  return (
    <span className="exercise-check-progress">
      <span
        className="check-progress-track"
        role="progressbar"
        aria-label="Check progress"
        aria-valuemin={epochs === null ? undefined : 0}
        aria-valuemax={epochs ?? undefined}
        aria-valuenow={epochs === null ? undefined : epoch}
        aria-valuetext={text}
      >
        <span className="check-progress-fill" style={{ width: `${share * 100}%` }} />
      </span>
      <span className="check-progress-text">{text}</span>
    </span>
  );
}

/**
 * The open exercise above the canvas: its title and progress, and the commands that belong to it (Check, Export
 * submission, Close). Check's progress and failure show here, so they are seen whichever side tab is open.
 */
export function ExerciseBar() {
  const { exercise, checkingSince, checkProgress, checkError, progress } = useExerciseState();
  const elapsed = useElapsed(checkingSince);
  if (exercise === null) return null;
  return (
    <section className="exercise-bar" aria-label="Exercise">
      <span className="exercise-bar-title">
        <span className="muted">Exercise:</span> {exercise.title}
      </span>
      <span className={`exercise-status${progress[exercise.id]?.passed ? ' is-passed' : ''}`}>
        {progressText(progress[exercise.id])}
      </span>
      {checkingSince !== null && (
        <span className="exercise-checking" role="status">
          Checking… training up to {countOf(exercise.rules.maxEpochs, 'epoch')} under the exercise's rules ({elapsed} s)
        </span>
      )}
      {checkProgress !== null && <CheckProgressBar progress={checkProgress} />}
      {checkError !== null && (
        <span className="exercise-check-error" role="alert">
          The check could not run: {checkError}
        </span>
      )}
      <span className="exercise-bar-actions">
        <CommandButton command="checkExercise" className="primary" />
        {checkingSince !== null && <CommandButton command="stopCheck" />}
        <CommandButton command="exportSubmission" />
        <CommandButton command="closeExercise" />
      </span>
    </section>
  );
}

function KindList(props: { exercise: Exercise }) {
  const kinds = props.exercise.allowedKinds;
  if (kinds === undefined) return <>any layer</>;
  if (kinds.length === 0) return <>none: only the layers already there</>;
  return <>{kinds.map((kind) => getLayerDefinition(kind).displayName).join(', ')}</>;
}

/**
 * The side panel's Exercise tab: the instructions (Markdown, rendered safely), the rules Check trains under, what
 * is checked, and after a check the Exercise checklist.
 */
export function ExercisePanel() {
  const exercises = useExercises();
  const { exercise, checked } = useExerciseState();
  // Re-render when the graph or settings change, to say the last result is out of date.
  useEditorSelector((s) => s.doc);
  if (exercise === null) return null;
  const locked = exercise.lockedNodeIds?.length ?? 0;
  return (
    <section className="exercise-panel" aria-label="Exercise instructions">
      <h2>{exercise.title}</h2>
      {checked && <ExerciseChecklist result={checked.result} stale={exercises.isStale()} />}
      <Instructions markdown={exercise.instructions} />
      <h3>Rules</h3>
      <ul className="exercise-rules">
        {describeTrainingRules(exercise.rules).map((line) => (
          <li key={line}>{line}</li>
        ))}
        <li>
          Layers you can add: <KindList exercise={exercise} />
        </li>
        {locked > 0 && <li>{countOf(locked, 'locked layer')} (🔒) stay as they are</li>}
      </ul>
      {!checked && (
        <>
          <h3>What Check looks at</h3>
          <ul className="exercise-criteria">
            {resolveCriteria(exercise).map((criterion) => (
              <li key={criterion.id}>
                {getCriterionDefinition(criterion.kind)?.describe(criterion.params) ?? criterion.kind}{' '}
                <span className="muted">({countOf(criterion.points, 'point')})</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
