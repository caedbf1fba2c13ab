import { memo } from 'react';
import { useAnalysis, useEditor, useEditorSelector, useTrainingState, useTrainingStore } from '../app-context';
import { CommandButton } from '../commands/command-button';
import { whyNotTrain } from '../commands/training-commands';
import { ConfusionMatrix } from './confusion-matrix';
import { DatasetPicker } from './dataset-picker';
import { formatDuration } from './format-time';
import { Hyperparameters } from './hyperparameters';
import { RunCharts } from './run-charts';
import { activeRun, viewedRun, type RunRecord } from './training-session';

const PHASE_TEXT: Record<RunRecord['phase'], string> = {
  starting: 'Starting…',
  running: 'Training',
  paused: 'Paused',
  stopping: 'Stopping…',
  done: 'Done',
  cancelled: 'Stopped',
  error: 'Failed',
};

function Progress(props: { run: RunRecord }) {
  const { run } = props;
  const perEpoch = run.batchesPerEpoch ?? 0;
  const total = run.totalEpochs * perEpoch;
  const doneBatches = Math.max(0, run.progress.epoch - 1) * perEpoch + run.progress.batch;
  const finished = run.phase === 'done';
  const value = finished ? total : Math.min(doneBatches, total);
  return (
    <div className="progress" aria-live="polite">
      <progress max={total || 1} value={total ? value : 0} aria-label="Training progress" />
      <p className="progress-text">
        <span className={`phase phase-${run.phase}`}>{PHASE_TEXT[run.phase]}</span>
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
}

/** Dataset, hyperparameters, run controls, live charts, confusion matrix and the session's run history. */
export const TrainingPanel = memo(function TrainingPanel(props: { theme: string }) {
  const editor = useEditor();
  const doc = useEditorSelector((s) => s.doc);
  const training = useTrainingStore();
  const session = useTrainingState();
  const active = activeRun(session);
  const shown = viewedRun(session);
  const analysis = useAnalysis();
  const errors = analysis.problems.filter((p) => p.severity === 'error');
  const blocked = whyNotTrain(editor);

  const inputFix = errors.find((p) => p.code === 'input-shape-mismatch' && p.fix);

  return (
    <section className="training-panel" aria-label="Training">
      <div className="training-setup">
        <DatasetPicker dataset={doc.dataset} disabled={active !== null} />
        <Hyperparameters training={doc.training} task={doc.task} disabled={active !== null} />
        <div className="run-controls">
          <div className="button-row">
            <CommandButton command="train" className="primary" tooltip={blocked ?? undefined} />
            <CommandButton command="pause" />
            <CommandButton command="resume" />
            <CommandButton command="stop" />
          </div>
          {blocked && !active && (
            <p className="blocked-reason" role="status">
              <strong>Can't train yet:</strong> {blocked}
              {errors.length > 1 && ` (+${errors.length - 1} more)`}
              {inputFix?.fix && (
                <button type="button" className="fix-button" onClick={() => editor.applyFix(inputFix)}>
                  {inputFix.fix.label}
                </button>
              )}
            </p>
          )}
          {shown && <Progress run={shown} />}
          <CommandButton command="exportModel" />
          {session.runs.length > 0 && (
            <div className="run-history">
              <h3>Runs</h3>
              <ul>
                {[...session.runs].reverse().map((r) => (
                  <li key={r.key}>
                    <button
                      type="button"
                      className={`run-item${shown?.key === r.key ? ' is-current' : ''}`}
                      aria-pressed={shown?.key === r.key}
                      onClick={() => training.view(r.key)}
                      title={`${r.request.training.optimizer}, lr ${r.request.training.learningRate}, batch ${r.request.training.batchSize}`}
                    >
                      <span>{r.title}</span>
                      <span className={`phase phase-${r.phase}`}>{PHASE_TEXT[r.phase]}</span>
                      <span className="muted">
                        {r.epochs.length > 0 && r.epochs[r.epochs.length - 1].valAccuracy !== null
                          ? `val acc ${(r.epochs[r.epochs.length - 1].valAccuracy! * 100).toFixed(1)}%`
                          : ''}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      </div>
      <div className="training-results">
        <RunCharts run={shown} theme={props.theme} />
        <div className="confusion-box">
          <h3>
            Confusion matrix{' '}
            {shown && shown.progress.epoch > 0 ? (
              <span className="muted">· validation, epoch {shown.epochs.length}</span>
            ) : null}
          </h3>
          <ConfusionMatrix
            classNames={shown?.classNames ?? []}
            matrix={shown?.confusionMatrix ?? []}
            perClass={shown?.perClass ?? []}
            accuracy={shown?.epochs.at(-1)?.valAccuracy ?? null}
            total={shown?.valSize ?? null}
          />
        </div>
      </div>
    </section>
  );
});
