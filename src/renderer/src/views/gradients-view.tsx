import { useMemo } from 'react';
import { getLayerDefinition } from '../../../shared/layers/catalogue';
import { MetricsChart, type ChartSeries } from '../training/metrics-chart';
import { CLASS_COLORS } from '../training/scatter-plot';
import { shortNumber } from './format';
import type { RunViewProps } from './view-props';

/**
 * Each layer's gradient norm per epoch (from the epoch events), on a log scale: when the layers near the input get
 * gradients orders of magnitude smaller than those near the output, they barely learn — the vanishing gradients that
 * make deep sigmoid networks slow and that ReLU avoids.
 */
export function GradientsView(props: RunViewProps) {
  const history = props.run?.gradientNorms ?? null;
  const epochs = props.run?.epochs;
  const chart = useMemo(() => {
    if (!history) return null;
    const x = history.epochs.map((_, i) => epochs?.[i]?.epoch ?? i + 1);
    const series: ChartSeries[] = history.layers.map((layer, l) => ({
      label: layer,
      color: CLASS_COLORS[l % CLASS_COLORS.length],
      values: history.epochs.map((row) => (row[l] > 0 ? row[l] : null)),
    }));
    return { x, series };
  }, [history, epochs]);

  if (!props.run) return <p className="muted">Train the network to see how large each layer&apos;s gradients are.</p>;
  if (!history || !chart || history.epochs.length === 0)
    return (
      <p className="muted">The gradient norms appear after the first epoch (runs trained in the app record them).</p>
    );

  const last = history.epochs[history.epochs.length - 1];
  const first = last[0];
  const final = last[last.length - 1];
  const ratio = first > 0 ? final / first : Infinity;
  const description =
    `Epoch ${chart.x[chart.x.length - 1]}: ` +
    history.layers.map((layer, l) => `${layer} ${shortNumber(last[l])}`).join(', ') +
    '.';
  return (
    <div className="view-gradients">
      <MetricsChart
        name="Gradient norm chart"
        digits={4}
        x={chart.x}
        series={chart.series}
        logY
        description={description}
        theme={props.theme}
      />
      {history.layers.length > 1 && (
        <p>
          {ratio >= 10
            ? `The first layer's gradient is ${Math.round(ratio).toLocaleString('en-US')}× smaller than the last layer's: it vanishes on its way back to the input, so the first layers learn slowly.`
            : `The gradients reaching the first layer are about as large as the last layer's (ratio ${ratio.toFixed(1)}): they do not vanish.`}
        </p>
      )}
      <details>
        <summary>Why gradients vanish</summary>
        <p>{getLayerDefinition('Activation').explanation}</p>
      </details>
    </div>
  );
}
