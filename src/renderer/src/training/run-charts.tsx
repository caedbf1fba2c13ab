import { memo, useMemo } from 'react';
import { MetricsChart, type ChartSeries } from './metrics-chart';
import type { RunRecord } from './training-session';

function last<T>(xs: readonly T[]): T | undefined {
  return xs[xs.length - 1];
}

function fmt(v: number | null | undefined, digits = 4): string {
  return v === null || v === undefined ? '—' : v.toFixed(digits);
}

const NO_EPOCHS: RunRecord['epochs'] = [];
const NO_BATCHES: RunRecord['batches'] = [];

/**
 * Loss per epoch (training and validation) over the per-batch trace. The x axis is in fractional epochs so batch
 * points and epoch points share it; epoch series are sparse there and bridged over the gaps.
 */
export const LossChart = memo(function LossChart(props: { run: RunRecord | null; theme: string }) {
  const epochs = props.run?.epochs ?? NO_EPOCHS;
  const batches = props.run?.batches ?? NO_BATCHES;
  const data = useMemo(() => {
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
      { label: 'batch loss', color: 'batch', values: batch, width: 1, points: false, hideInLegend: true },
      { label: 'train', color: 'train', values: train },
      { label: 'validation', color: 'val', values: val },
    ];
    return { x, series };
  }, [batches, epochs]);
  const latest = last(epochs);
  const description = latest
    ? `Epoch ${latest.epoch}: train loss ${fmt(latest.loss)}, validation loss ${fmt(latest.valLoss)}.`
    : last(batches)
      ? `Batch loss ${fmt(last(batches)!.loss)}.`
      : 'No loss values yet.';
  return (
    <MetricsChart
      name="Loss chart"
      x={data.x}
      series={data.series}
      digits={4}
      description={description}
      theme={props.theme}
    />
  );
});

/** Training and validation accuracy per epoch, on a 0–1 axis. */
export const AccuracyChart = memo(function AccuracyChart(props: { run: RunRecord | null; theme: string }) {
  const epochs = props.run?.epochs ?? NO_EPOCHS;
  const data = useMemo(() => {
    const x = epochs.map((e) => e.epoch);
    const series: ChartSeries[] = [
      { label: 'train', color: 'train', values: epochs.map((e) => e.accuracy) },
      { label: 'validation', color: 'val', values: epochs.map((e) => e.valAccuracy) },
    ];
    return { x, series };
  }, [epochs]);
  const latest = last(epochs);
  const description = latest
    ? latest.accuracy === null
      ? 'This run has no accuracy (not a classifier).'
      : `Epoch ${latest.epoch}: train accuracy ${fmt(latest.accuracy, 3)}, validation accuracy ${fmt(latest.valAccuracy, 3)}.`
    : 'No accuracy values yet.';
  return (
    <MetricsChart
      name="Accuracy chart"
      x={data.x}
      series={data.series}
      yRange={[0, 1]}
      digits={3}
      description={description}
      theme={props.theme}
    />
  );
});
