import { memo, useMemo } from 'react';
import { CHART_COLORS, MetricsChart, type ChartSeries } from './metrics-chart';
import type { RunRecord } from './training-session';

function last<T>(xs: readonly T[]): T | undefined {
  return xs[xs.length - 1];
}

function fmt(v: number | null | undefined, digits = 4): string {
  return v === null || v === undefined ? '—' : v.toFixed(digits);
}

/**
 * Loss (with the per-batch trace) and accuracy per epoch for one run. The loss chart's x axis is in fractional
 * epochs so batch points and epoch points share it; epoch series are sparse there and bridged over the gaps.
 */
export const RunCharts = memo(function RunCharts(props: { run: RunRecord | null; theme: string }) {
  const run = props.run;
  const epochs = useMemo(() => run?.epochs ?? [], [run?.epochs]);
  const batches = useMemo(() => run?.batches ?? [], [run?.batches]);

  const loss = useMemo(() => {
    const xs = new Set<number>([0]);
    for (const b of batches) xs.add(b.x);
    for (const e of epochs) xs.add(e.epoch);
    const x = [...xs].sort((a, b) => a - b);
    const index = new Map(x.map((v, i) => [v, i]));
    const batch: (number | null)[] = new Array(x.length).fill(null);
    const train: (number | null)[] = new Array(x.length).fill(null);
    const val: (number | null)[] = new Array(x.length).fill(null);
    for (const b of batches) batch[index.get(b.x)!] = b.loss;
    for (const e of epochs) {
      train[index.get(e.epoch)!] = e.loss;
      val[index.get(e.epoch)!] = e.valLoss;
    }
    const series: ChartSeries[] = [
      { label: 'batch loss', color: CHART_COLORS.batch, values: batch, width: 1, points: false },
      { label: 'train loss', color: CHART_COLORS.train, values: train },
      { label: 'validation loss', color: CHART_COLORS.val, values: val },
    ];
    return { x, series };
  }, [batches, epochs]);

  const accuracy = useMemo(() => {
    const x = epochs.map((e) => e.epoch);
    const series: ChartSeries[] = [
      { label: 'train accuracy', color: CHART_COLORS.train, values: epochs.map((e) => e.accuracy) },
      { label: 'validation accuracy', color: CHART_COLORS.val, values: epochs.map((e) => e.valAccuracy) },
    ];
    return { x, series };
  }, [epochs]);

  const latest = last(epochs);
  const lossText = latest
    ? `Epoch ${latest.epoch}: train loss ${fmt(latest.loss)}, validation loss ${fmt(latest.valLoss)}.`
    : last(batches)
      ? `Batch loss ${fmt(last(batches)!.loss)}.`
      : 'No loss values yet.';
  const accText = latest
    ? latest.accuracy === null
      ? 'This run has no accuracy (not a classifier).'
      : `Epoch ${latest.epoch}: train accuracy ${fmt(latest.accuracy, 3)}, validation accuracy ${fmt(latest.valAccuracy, 3)}.`
    : 'No accuracy values yet.';

  const empty = epochs.length === 0 && batches.length === 0;
  return (
    <div className={`charts${empty ? ' is-empty' : ''}`}>
      {empty && (
        <p className="charts-empty">
          Loss and accuracy curves appear here as the model trains: training in blue, validation in red.
        </p>
      )}
      <div className="chart-box">
        <h3>Loss</h3>
        <MetricsChart
          name="Loss chart"
          xLabel="epoch"
          x={loss.x}
          series={loss.series}
          description={lossText}
          theme={props.theme}
        />
      </div>
      <div className="chart-box">
        <h3>Accuracy</h3>
        <MetricsChart
          name="Accuracy chart"
          xLabel="epoch"
          x={accuracy.x}
          series={accuracy.series}
          yRange={[0, 1]}
          description={accText}
          theme={props.theme}
        />
      </div>
    </div>
  );
});
