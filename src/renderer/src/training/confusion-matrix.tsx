import { memo, useId, useMemo, useState, type CSSProperties } from 'react';
import type { ClassScores } from '../../../shared/ipc/training-events';

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

/**
 * Heatmap of the validation confusion matrix: one row per true class, one cell per predicted class, each
 * cell's text the count (or the row share when normalized). Beside it, per-class precision/recall/F1 and the
 * validation accuracy exactly as the engine sent them with the matrix (nothing is recomputed here).
 */
export const ConfusionMatrix = memo(function ConfusionMatrix(props: {
  classNames: readonly string[];
  matrix: readonly (readonly number[])[];
  perClass: readonly ClassScores[];
  /** Validation accuracy of the same epoch; null when the run has none. */
  accuracy: number | null;
  /** Validation samples the matrix counts. */
  total: number | null;
  /** Clicking a cell asks for its samples (the count becomes a button). */
  onCellClick?: (trueClass: number, predictedClass: number) => void;
  /** Accessible name of the matrix; the training panel's is "Confusion matrix". */
  name?: string;
  /** Leave out the per-class scores (the replay shows only the matrix). */
  compact?: boolean;
}) {
  const [normalize, setNormalize] = useState(false);
  const toggleId = useId();
  const { matrix, perClass, accuracy, total } = props;
  const classNames = matrix.map((_, i) => props.classNames[i] ?? `class ${i}`);
  const rowSums = useMemo(() => matrix.map((row) => row.reduce((a, b) => a + b, 0)), [matrix]);
  const max = useMemo(() => Math.max(1, ...matrix.flat()), [matrix]);

  if (matrix.length === 0) {
    return <p className="empty-hint">The confusion matrix appears after the first epoch of a classifier.</p>;
  }

  return (
    <div className="confusion">
      <div className="confusion-matrix-wrap">
        <label className="toggle" htmlFor={toggleId}>
          <input id={toggleId} type="checkbox" checked={normalize} onChange={(e) => setNormalize(e.target.checked)} />
          Normalize by row
        </label>
        <table className="confusion-matrix" aria-label={props.name ?? 'Confusion matrix'}>
          <caption className="visually-hidden">Rows: true class. Columns: predicted class.</caption>
          <thead>
            <tr>
              <th scope="col" className="corner">
                <span className="axis-true">true</span> \ <span className="axis-pred">predicted</span>
              </th>
              {classNames.map((name, j) => (
                <th key={j} scope="col" title={`Predicted ${name}`}>
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {matrix.map((row, i) => (
              <tr key={i}>
                <th scope="row" title={`True ${classNames[i]}`}>
                  {classNames[i]}
                </th>
                {row.map((count, j) => {
                  const share = rowSums[i] > 0 ? count / rowSums[i] : 0;
                  const intensity = normalize ? share : count / max;
                  return (
                    <td
                      key={j}
                      className={i === j ? 'diag' : undefined}
                      style={{ '--heat': intensity.toFixed(3) } as CSSProperties}
                      data-heat={intensity > 0.55 ? 'high' : undefined}
                      title={`true ${classNames[i]}, predicted ${classNames[j]}: ${count} (${pct(share)} of the row)`}
                    >
                      {props.onCellClick ? (
                        <button
                          type="button"
                          className="cell-button"
                          onClick={() => props.onCellClick!(i, j)}
                          title={`Show the samples of true ${classNames[i]}, predicted ${classNames[j]}`}
                        >
                          {normalize ? pct(share) : count}
                        </button>
                      ) : normalize ? (
                        pct(share)
                      ) : (
                        count
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!props.compact && (
        <table className="class-scores" aria-label="Per-class scores">
          <thead>
            <tr>
              <th scope="col">Class</th>
              <th scope="col" title="Of the samples predicted as this class, the share that truly are">
                Precision
              </th>
              <th scope="col" title="Of the samples truly of this class, the share found">
                Recall
              </th>
              <th scope="col" title="Harmonic mean of precision and recall">
                F1
              </th>
            </tr>
          </thead>
          <tbody>
            {perClass.map((s, i) => (
              <tr key={i}>
                <th scope="row">{classNames[i]}</th>
                <td>{pct(s.precision)}</td>
                <td>{pct(s.recall)}</td>
                <td>{s.f1.toFixed(3)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Accuracy</th>
              <td colSpan={3}>{accuracy === null ? '—' : `${pct(accuracy)}${total === null ? '' : ` of ${total}`}`}</td>
            </tr>
          </tfoot>
        </table>
      )}
    </div>
  );
});
