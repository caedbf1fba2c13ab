import { useMemo, useState } from 'react';
import { unpack } from '../../../shared/views/packed-array';
import { VIEW_REFRESH_MS } from '../../../shared/views/view-queries';
import { shortNumber } from './format';
import { absMax, extent, PixelCanvas } from './pixel-canvas';
import { SamplePicker } from './sample-picker';
import { useRunView } from './use-run-view';
import { modelUnavailable } from '../training/training-session';
import type { RunViewProps } from './view-props';

/**
 * An autoencoder's work on one validation sample: the input, what the network rebuilds from it, and the difference
 * (blue where the rebuild is too dark, red where too bright), with the sample's mean squared error.
 */
export function ReconstructionView(props: RunViewProps) {
  const { run } = props;
  const unavailable = modelUnavailable(run);
  const [index, setIndex] = useState(0);
  const query = useMemo(() => ({ kind: 'predict', sample: { split: 'validation', index } }) as const, [index]);
  const view = useRunView(run, unavailable === null ? query : null, VIEW_REFRESH_MS.activations);
  const pictures = useMemo(() => {
    if (!view.data) return null;
    const input = unpack(view.data.sample.input);
    const output = unpack(view.data.output);
    const difference = output.map((v, i) => v - input[i]);
    const mse = difference.reduce((sum, d) => sum + d * d, 0) / Math.max(1, difference.length);
    return { input, output, difference, mse, shape: view.data.output.shape };
  }, [view.data]);

  if (unavailable) return <p className="muted">{unavailable}</p>;
  return (
    <div className="view-reconstruction">
      <SamplePicker index={index} count={run?.valSize ?? null} onChange={setIndex} />
      {view.error && <p className="field-error">{view.error}</p>}
      {pictures && pictures.shape.length === 3 ? (
        <>
          <div className="image-row">
            {(['input', 'output'] as const).map((which) => (
              <figure key={which}>
                <PixelCanvas
                  values={pictures[which]}
                  width={pictures.shape[1]}
                  height={pictures.shape[0]}
                  channels={pictures.shape[2]}
                  range={extent(pictures.input)}
                  label={which === 'input' ? `Input: validation sample ${index}` : 'Reconstruction'}
                  size={128}
                />
                <figcaption>{which === 'input' ? 'Input' : 'Reconstruction'}</figcaption>
              </figure>
            ))}
            <figure>
              <PixelCanvas
                values={pictures.difference}
                width={pictures.shape[1]}
                height={pictures.shape[0]}
                channels={pictures.shape[2]}
                range={[-absMax(pictures.difference), absMax(pictures.difference)]}
                colorMap="diverging"
                label="Difference: reconstruction minus input"
                size={128}
              />
              <figcaption>Difference</figcaption>
            </figure>
          </div>
          <p>Mean squared error of this sample: {shortNumber(pictures.mse)}</p>
        </>
      ) : pictures ? (
        <p>
          Input [{Array.from(pictures.input, shortNumber).join(', ')}] → rebuilt [
          {Array.from(pictures.output, shortNumber).join(', ')}]
        </p>
      ) : (
        !view.error && <p className="muted">Rebuilding the sample…</p>
      )}
    </div>
  );
}
