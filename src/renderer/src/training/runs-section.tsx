import { memo } from 'react';
import { sameModel } from '../../../shared/graph/same-model';
import type { Diagnosis } from '../../../shared/training/diagnosis';
import { useEditorSelector, useTrainingState, useTrainingStore } from '../app-context';
import { CommandButton } from '../commands/command-button';
import { ReusedWeights } from './reused-weights';
import {
  comparable,
  exportableRun,
  exportName,
  runOutcome,
  viewedRun,
  whyNotExport,
  type RunRecord,
} from './training-session';

/** One diagnosis in plain words: what happened, what was measured, what to do. */
function DiagnosisItem(props: { diagnosis: Diagnosis }) {
  const d = props.diagnosis;
  return (
    <li className={`diagnosis diagnosis-${d.severity}`} data-code={d.code}>
      <strong>{d.title}</strong>
      {d.epoch !== undefined && <span className="muted"> (epoch {d.epoch})</span>}
      <p>{d.message}</p>
      <p className="diagnosis-advice">
        <span className="visually-hidden">What to do: </span>
        {d.advice}
      </p>
    </li>
  );
}

function lastValAccuracy(run: RunRecord): string {
  const value = run.epochs.at(-1)?.valAccuracy;
  return value === null || value === undefined ? '' : `val acc ${(value * 100).toFixed(1)}%`;
}

/**
 * The project's runs (pick one to show its curves, matrix and views; tick two or more to compare them), what the engine diagnosed about the shown run, and
 * exporting it: the shown run, named after it and the project, with the reason when there is nothing to export and
 * a warning when the graph changed since that run.
 */
export const RunsSection = memo(function RunsSection() {
  const training = useTrainingStore();
  const session = useTrainingState();
  const graph = useEditorSelector((s) => s.doc.graph);
  const shown = viewedRun(session);
  const exportable = exportableRun(session);
  const notExportable = whyNotExport(session);
  const changed = exportable !== null && !sameModel(exportable.request.graph, graph);
  return (
    <div className="runs">
      {session.runs.length === 0 ? (
        <p className="empty-hint">No runs yet: press Train.</p>
      ) : (
        <ul className="run-list" aria-label="Runs">
          {[...session.runs].reverse().map((r) => {
            const outcome = runOutcome(r);
            return (
              <li key={r.key}>
                <button
                  type="button"
                  className={`run-item${shown?.key === r.key ? ' is-current' : ''}`}
                  aria-pressed={shown?.key === r.key}
                  onClick={() => training.view(r.key)}
                  title={`${r.request.training.optimizer}, lr ${r.request.training.learningRate}, batch ${r.request.training.batchSize}`}
                >
                  <span className="run-title">{r.title}</span>
                  <span className={`phase tone-${outcome.tone}`}>{outcome.text}</span>
                  <span className="muted">{lastValAccuracy(r)}</span>
                </button>
                {comparable(r) && (
                  <label className="run-compare" title="Overlay this run's curves with the other ticked runs">
                    <input
                      type="checkbox"
                      checked={session.compared.includes(r.key)}
                      onChange={() => training.toggleCompared(r.key)}
                      aria-label={`Compare Run ${r.key}`}
                    />
                    <span aria-hidden="true">compare</span>
                  </label>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {shown && <ReusedWeights run={shown} />}
      {shown && shown.diagnoses.length > 0 && (
        <div className="diagnoses" role="region" aria-label={`What happened in Run ${shown.key}`}>
          <ul>
            {[...shown.diagnoses]
              .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1))
              .map((d) => (
                <DiagnosisItem key={d.code} diagnosis={d} />
              ))}
          </ul>
        </div>
      )}
      <div className="export">
        <CommandButton
          command="exportModel"
          tooltip={
            exportable ? `Export Run ${exportable.key} as ${exportName(exportable)}` : (notExportable ?? undefined)
          }
        />
        {exportable ? (
          <p className={`small${changed ? ' export-warning' : ' muted'}`} role={changed ? 'status' : undefined}>
            {changed
              ? `The graph has changed since Run ${exportable.key}: the export is the model as that run trained it.`
              : `Exports Run ${exportable.key} as “${exportName(exportable)}”.`}
          </p>
        ) : (
          <p className="small muted">{notExportable}</p>
        )}
      </div>
    </div>
  );
});
