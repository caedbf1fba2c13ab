import { VIEW_LIMITS, VIEW_REFRESH_MS } from '../../../shared/views/view-queries';
import { percent, shortNumber } from './format';
import { HistogramBars } from './histogram-bars';
import { useRunView } from './use-run-view';
import { modelUnavailable } from '../training/training-session';
import type { RunViewProps } from './view-props';

const QUERY = { kind: 'layerStats', samples: VIEW_LIMITS.statsSamples.default } as const;

/**
 * How every layer's outputs are spread over the first validation samples, and for ReLU layers how many units never
 * fire ("dead" units pass no gradient and stop learning) — a sigmoid layer piling up at 0 and 1 saturates the same way.
 */
export function ActivationsView(props: RunViewProps) {
  const unavailable = modelUnavailable(props.run);
  const view = useRunView(props.run, unavailable === null ? QUERY : null, VIEW_REFRESH_MS.layerStats);
  if (unavailable) return <p className="muted">{unavailable}</p>;
  if (!view.data) return <p className="muted">{view.error ?? 'Collecting activations…'}</p>;
  return (
    <div className="view-activations">
      <p className="muted">
        Outputs of each layer over {view.data.samples} validation samples. A ReLU unit that outputs 0 for all of them is
        dead: it passes no gradient back and no longer learns.
      </p>
      <table className="activation-table" aria-label="Activation statistics">
        <thead>
          <tr>
            <th scope="col">Layer</th>
            <th scope="col">Histogram</th>
            <th scope="col">Mean ± std</th>
            <th scope="col">Zeros</th>
            <th scope="col">Dead ReLUs</th>
          </tr>
        </thead>
        <tbody>
          {view.data.layers.map((layer) => (
            <tr key={layer.name}>
              <th scope="row">{layer.name}</th>
              <td>
                <HistogramBars histogram={layer.histogram} label={`Histogram of ${layer.name}'s outputs`} />
              </td>
              <td>
                {shortNumber(layer.stats.mean)} ± {shortNumber(layer.stats.std)}
              </td>
              <td>{percent(layer.stats.zeroShare)}</td>
              <td className={layer.deadShare !== null && layer.deadShare > 0.5 ? 'is-warning' : undefined}>
                {layer.deadShare === null ? '—' : percent(layer.deadShare)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {view.error && <p className="field-error">{view.error}</p>}
    </div>
  );
}
