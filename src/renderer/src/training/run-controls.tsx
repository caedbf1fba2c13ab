import { memo } from 'react';
import { useAnalysis, useEditor, useEditorSelector, useTrainingState } from '../app-context';
import { CommandButton } from '../commands/command-button';
import { whyNotTrain } from '../commands/training-commands';
import { formatDuration } from './format-time';
import { preflightDiagnoses } from '../../../shared/training/preflight';
import { activeRun, runOutcome, viewedRun, type RunRecord } from './training-session';

/** The shown run's progress bar and one line of facts: outcome, epoch and batch, speed, time, backend. */
const Progress = memo(function Progress(props: { run: RunRecord }) {
  const { run } = props;
  const perEpoch = run.batchesPerEpoch ?? 0;
  const total = run.totalEpochs * perEpoch;
  const doneBatches = Math.max(0, run.progress.epoch - 1) * perEpoch + run.progress.batch;
  const finished = run.phase === 'done';
  const value = finished ? total : Math.min(doneBatches, total);
  const outcome = runOutcome(run);
  return (
    <div className="progress">
      <progress max={total || 1} value={total ? value : 0} aria-label="Training progress" />
      <p className="progress-text" aria-live="polite">
        <span className={`phase tone-${outcome.tone}`} data-phase={run.phase}>
          {outcome.text}
        </span>
        <span className="muted">Run {run.key}</span>
        {run.progress.epoch > 0 && (
          <span>
            Epoch {run.progress.epoch}/{run.totalEpochs}
            {perEpoch > 0 && ` · batch ${run.progress.batch}/${perEpoch}`}
          </span>
        )}
        {run.samplesPerSecond !== null && (
          <span>{Math.round(run.samplesPerSecond).toLocaleString('en-US')} samples/s</span>
        )}
        {(run.phase === 'running' || run.phase === 'paused') && <span>ETA {formatDuration(run.etaSeconds)}</span>}
        {run.seconds !== null && <span>took {formatDuration(run.seconds)}</span>}
        {run.backend && (
          <span className="backend" title="TensorFlow.js backend running this training">
            backend: {run.backend}
          </span>
        )}
      </p>
      {run.error && (
        <p className="field-error" role="alert">
          {run.error.message}
        </p>
      )}
    </div>
  );
});

/**
 * Train, Pause, Resume and Stop, with the reason Train is refused right beside them (an invalid field, missing data,
 * a graph error, with the one-click fix for a wrong Input shape), a warning about the settings before a run, and
 * the shown run's progress. Lives in the dock's header, so it stays visible when the dock is collapsed.
 */
export const RunControls = memo(function RunControls() {
  const editor = useEditor();
  const session = useTrainingState();
  const training = useEditorSelector((s) => s.doc.training);
  // Re-evaluated on every change of what Train depends on.
  useEditorSelector((s) => s.fieldProblems);
  useEditorSelector((s) => s.datasetProblem);
  const analysis = useAnalysis();
  const active = activeRun(session);
  const shown = viewedRun(session);
  const blocked = whyNotTrain(editor);
  const errors = analysis.problems.filter((p) => p.severity === 'error');
  const inputFix = blocked ? errors.find((p) => p.code === 'input-shape-mismatch' && p.fix) : undefined;
  const warnings = active ? [] : preflightDiagnoses(training);
  return (
    <div className="run-controls">
      <div className="button-row" role="group" aria-label="Run">
        <CommandButton command="train" className="primary" tooltip={blocked ?? undefined} />
        <CommandButton command="pause" />
        <CommandButton command="resume" />
        <CommandButton command="stop" />
      </div>
      {blocked && !active && (
        <p className="blocked-reason" role="status">
          <strong>Can't train yet:</strong> {blocked}
          {errors.length > 1 && blocked === errors[0]?.message && ` (+${errors.length - 1} more)`}
          {inputFix?.fix && (
            <button type="button" className="fix-button" onClick={() => editor.applyFix(inputFix)}>
              {inputFix.fix.label}
            </button>
          )}
        </p>
      )}
      {!blocked &&
        warnings.map((w) => (
          <p key={w.code} className="preflight-warning" role="status">
            <strong>{w.title}.</strong> {w.message} {w.advice}
          </p>
        ))}
      {shown && <Progress run={shown} />}
    </div>
  );
});
