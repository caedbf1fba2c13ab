import { memo } from 'react';
import { useAnalysis, useApi, useEditor, useEditorSelector, useTrainingState, useTrainingStore } from '../app-context';
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
  const api = useApi();
  const editor = useEditor();
  const doc = useEditorSelector((s) => s.doc);
  const projectName = useEditorSelector((s) => s.project.name);
  const training = useTrainingStore();
  const session = useTrainingState();
  const active = activeRun(session);
  const shown = viewedRun(session);
  const analysis = useAnalysis();
  const errors = analysis.problems.filter((p) => p.severity === 'error');
  const graphEmpty = doc.graph.nodes.length === 0;
  const blocked = graphEmpty ? 'Add layers to the graph first.' : errors.length > 0 ? errors[0].message : null;

  const train = () => {
    if (blocked || active) return;
    void training.start({ graph: doc.graph, training: doc.training, dataset: doc.dataset }, projectName);
  };

  const exportModel = async () => {
    try {
      const result = await api.training.exportModel();
      if (result.saved) editor.setStatus(result.where ? `Model exported to ${result.where}.` : 'Model exported.');
    } catch (e) {
      editor.setStatus(`Export failed: ${e instanceof Error ? e.message : String(e)}`, 'error');
    }
  };

  const hasTrained = session.runs.some((r) => r.phase === 'done' || r.phase === 'cancelled');
  const inputFix = errors.find((p) => p.code === 'input-shape-mismatch' && p.fix);

  return (
    <section className="training-panel" aria-label="Training">
      <div className="training-setup">
        <DatasetPicker dataset={doc.dataset} disabled={active !== null} />
        <Hyperparameters training={doc.training} disabled={active !== null} />
        <div className="run-controls">
          <div className="button-row">
            <button
              type="button"
              className="primary"
              onClick={train}
              disabled={blocked !== null || active !== null}
              title={blocked ?? 'Train the model (F5)'}
            >
              Train
            </button>
            <button type="button" onClick={() => void training.pause()} disabled={active?.phase !== 'running'}>
              Pause
            </button>
            <button type="button" onClick={() => void training.resume()} disabled={active?.phase !== 'paused'}>
              Resume
            </button>
            <button
              type="button"
              onClick={() => void training.stop()}
              disabled={!active || active.phase === 'stopping'}
            >
              Stop
            </button>
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
          <button
            type="button"
            onClick={exportModel}
            disabled={!hasTrained || active !== null}
            title="Save the trained model in TensorFlow.js format"
          >
            Export model…
          </button>
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
