import { useMemo, useState } from 'react';
import { diffRuns } from '../../../shared/runs/run-diff';
import { useTrainingState } from '../app-context';
import { MetricsChart, type ChartSeries } from '../training/metrics-chart';
import { CLASS_COLORS } from '../training/scatter-plot';
import { comparable, comparedRuns, type RunRecord } from '../training/training-session';
import { percent, shortNumber } from './format';
import type { RunViewProps } from './view-props';

const METRICS = {
  valAccuracy: { label: 'Validation accuracy', accuracy: true },
  accuracy: { label: 'Training accuracy', accuracy: true },
  valLoss: { label: 'Validation loss', accuracy: false },
  loss: { label: 'Training loss', accuracy: false },
} as const;
type Metric = keyof typeof METRICS;

/**
 * Two or more runs of the project side by side: one curve per run for the chosen metric, and a table of exactly what
 * differs between them (settings, data, layers added, removed or changed, wiring) with their final results. The runs
 * are those ticked in the Runs list; until any is, the latest two.
 */
export function CompareView(props: RunViewProps) {
  const session = useTrainingState();
  const candidates = props.runs.filter(comparable);
  const ticked = comparedRuns(session);
  const runs = ticked.length > 0 ? ticked : candidates.slice(-2);
  const classifier = runs.some((r) => r.epochs.some((e) => e.valAccuracy !== null));
  const [metric, setMetric] = useState<Metric>('valAccuracy');
  const shownMetric: Metric = !classifier && METRICS[metric].accuracy ? 'valLoss' : metric;

  const chart = useMemo(() => {
    const x = [...new Set(runs.flatMap((r) => r.epochs.map((e) => e.epoch)))].sort((a, b) => a - b);
    const series: ChartSeries[] = runs.map((run, i) => ({
      label: `Run ${run.key}`,
      color: CLASS_COLORS[i % CLASS_COLORS.length],
      values: x.map((epoch) => run.epochs.find((e) => e.epoch === epoch)?.[shownMetric] ?? null),
    }));
    return { x, series };
  }, [runs, shownMetric]);
  const rows = useMemo(() => diffRuns(runs.map((r) => r.request)), [runs]);

  if (candidates.length < 2)
    return (
      <p className="muted">Train the network twice (change a setting or a layer in between) to compare the runs.</p>
    );

  const final = (run: RunRecord) => run.epochs[run.epochs.length - 1];
  return (
    <div className="view-compare">
      <p className="muted small">
        {ticked.length > 0
          ? 'The runs ticked in the Runs list.'
          : 'The latest two runs: tick others in the Runs list to compare them instead.'}
      </p>
      <label>
        Curve{' '}
        <select value={shownMetric} onChange={(e) => setMetric(e.target.value as Metric)}>
          {(Object.keys(METRICS) as Metric[])
            .filter((m) => classifier || !METRICS[m].accuracy)
            .map((m) => (
              <option key={m} value={m}>
                {METRICS[m].label}
              </option>
            ))}
        </select>
      </label>
      {runs.length >= 2 ? (
        <>
          <MetricsChart
            name="Run comparison chart"
            digits={METRICS[shownMetric].accuracy ? 3 : 4}
            x={chart.x}
            series={chart.series}
            yRange={METRICS[shownMetric].accuracy ? [0, 1] : undefined}
            description={`${METRICS[shownMetric].label} of ${runs.map((r) => `Run ${r.key}`).join(', ')}.`}
            theme={props.theme}
          />
          <table className="compare-table" aria-label="What differs between the runs">
            <thead>
              <tr>
                <th scope="col">Setting</th>
                {runs.map((run) => (
                  <th key={run.key} scope="col">
                    Run {run.key}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.length === 0 && (
                <tr>
                  <td colSpan={runs.length + 1} className="muted">
                    Same graph and settings (a different seed or data would show here).
                  </td>
                </tr>
              )}
              {rows.map((row, i) => (
                <tr key={i} className={`diff-${row.group}`}>
                  <th scope="row">{row.label}</th>
                  {row.values.map((value, j) => (
                    <td key={j}>{value}</td>
                  ))}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Result</th>
                {runs.map((run) => (
                  <td key={run.key}>
                    {final(run).valAccuracy !== null
                      ? `val acc ${percent(final(run).valAccuracy!)}`
                      : `val loss ${final(run).valLoss === null ? '—' : shortNumber(final(run).valLoss!)}`}{' '}
                    after {final(run).epoch} epochs
                  </td>
                ))}
              </tr>
            </tfoot>
          </table>
        </>
      ) : (
        <p className="muted">Tick at least two runs in the Runs list.</p>
      )}
    </div>
  );
}
