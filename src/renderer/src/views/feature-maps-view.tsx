import { memo, useMemo, useState } from 'react';
import { unpack } from '../../../shared/views/packed-array';
import { VIEW_REFRESH_MS, type LayerActivation } from '../../../shared/views/view-queries';
import { shortNumber } from './format';
import { extent, PixelCanvas } from './pixel-canvas';
import { SamplePicker } from './sample-picker';
import { useRunView } from './use-run-view';
import { modelUnavailable } from '../training/training-session';
import type { RunViewProps } from './view-props';

/** Channels drawn per layer; wider layers show their first ones. */
const MAX_CHANNELS = 32;

/** Values per row when a flat output is drawn: 64 cells of 4 pixels. */
const STRIP_WIDTH = 64;

/**
 * What every layer makes of one validation sample: each Conv2D or pooling layer's feature maps (one picture per
 * channel, black = its smallest value, white = its largest), and the values of the flat layers as a strip.
 */
export function FeatureMapsView(props: RunViewProps) {
  const { run } = props;
  const unavailable = modelUnavailable(run);
  const [index, setIndex] = useState(0);
  const query = useMemo(() => ({ kind: 'activations', sample: { split: 'validation', index } }) as const, [index]);
  const view = useRunView(run, unavailable === null ? query : null, VIEW_REFRESH_MS.activations);
  const input = useMemo(() => (view.data ? unpack(view.data.sample.input) : null), [view.data]);
  const shape = view.data?.sample.input.shape ?? [];
  const label = view.data?.sample.label;

  if (unavailable) return <p className="muted">{unavailable}</p>;
  return (
    <div className="view-feature-maps">
      <div className="view-toolbar">
        <SamplePicker index={index} count={run?.valSize ?? null} onChange={setIndex} />
        {input && shape.length === 3 && (
          <PixelCanvas
            values={input}
            width={shape[1]}
            height={shape[0]}
            channels={shape[2]}
            range={extent(input)}
            label={`Input: validation sample ${index}`}
            size={56}
          />
        )}
        {label != null && run && <span>true class: {run.classNames[label] ?? label}</span>}
      </div>
      {view.error && <p className="field-error">{view.error}</p>}
      {view.data?.layers.map((layer) => (
        <LayerMaps key={layer.name} layer={layer} />
      ))}
      {!view.data && !view.error && <p className="muted">Running the sample through the network…</p>}
    </div>
  );
}

const LayerMaps = memo(function LayerMaps(props: { layer: LayerActivation }) {
  const { layer } = props;
  const values = useMemo(() => (layer.values ? unpack(layer.values) : null), [layer.values]);
  const range: [number, number] = [layer.stats.min, layer.stats.max];
  const shape = layer.values?.shape ?? layer.outputShape;
  const maps = useMemo(() => {
    if (!values || shape.length !== 3) return [];
    const [height, width, channels] = shape;
    return Array.from({ length: Math.min(channels, MAX_CHANNELS) }, (_, c) => {
      const map = new Float32Array(height * width);
      for (let p = 0; p < height * width; p++) map[p] = values[p * channels + c];
      return map;
    });
  }, [values, shape]);
  const heading = `${layer.name} · ${layer.outputShape.join('×')} · range ${shortNumber(layer.stats.min)} to ${shortNumber(layer.stats.max)}`;
  return (
    <section className="layer-maps" aria-label={`Outputs of ${layer.name}`}>
      <h4>{heading}</h4>
      {maps.length > 0 ? (
        <ul className="picture-grid" aria-label={`Feature maps of ${layer.name}`}>
          {maps.map((map, c) => (
            <li key={c}>
              <PixelCanvas
                values={map}
                width={shape[1]}
                height={shape[0]}
                range={range}
                label={`Feature map ${c + 1} of ${layer.name}`}
                size={64}
              />
            </li>
          ))}
        </ul>
      ) : values ? (
        <PixelCanvas
          values={values}
          width={Math.min(values.length, STRIP_WIDTH)}
          height={Math.ceil(values.length / STRIP_WIDTH)}
          range={range}
          label={`Output values of ${layer.name}`}
          size={Math.min(values.length, STRIP_WIDTH) * 4}
          className="value-strip"
        />
      ) : (
        <p className="muted small">Too large to draw ({layer.outputShape.join('×')} values).</p>
      )}
      {layer.channels !== undefined && layer.channels < layer.outputShape[2] && (
        <p className="muted small">
          The first {layer.channels} of {layer.outputShape[2]} channels.
        </p>
      )}
    </section>
  );
});
