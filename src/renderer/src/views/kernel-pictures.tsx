import { memo, useMemo } from 'react';
import { absMax, PixelCanvas } from './pixel-canvas';

/** Most pictures one kernel view draws (a Dense of 128 units draws them all; larger layers their first 256). */
const MAX_PICTURES = 256;

/**
 * A first layer's weights as pictures, on one blue–white–red scale for the whole kernel (blue negative, red positive):
 * a Conv2D kernel [kh, kw, in, out] as one picture per filter (per input channel when there are several), or a Dense
 * kernel [pixels, units] that sees the input's pixels as one picture of the input's shape per unit.
 */
export const KernelPictures = memo(function KernelPictures(props: {
  layer: string;
  values: Float32Array;
  /** The kernel's shape as tfjs holds it. */
  shape: readonly number[];
  /** Dense only: the input picture's [height, width, channels]. */
  pictureShape?: readonly number[];
  /** Names of the pictures (a classifier's output layer: the class names); "Filter n" / "Unit n" otherwise. */
  names?: readonly string[];
  size?: number;
}) {
  const { values, shape, pictureShape } = props;
  const limit = useMemo(() => absMax(values), [values]);
  const pictures = useMemo(() => {
    const out: { label: string; values: Float32Array; width: number; height: number }[] = [];
    if (shape.length === 4) {
      const [kh, kw, inChannels, filters] = shape;
      for (let f = 0; f < filters && out.length < MAX_PICTURES; f++) {
        for (let c = 0; c < inChannels && c < 3; c++) {
          const picture = new Float32Array(kh * kw);
          for (let i = 0; i < kh * kw; i++) picture[i] = values[(i * inChannels + c) * filters + f];
          const name = props.names?.[f] ?? `Filter ${f + 1}`;
          out.push({
            label: inChannels > 1 ? `${name}, input channel ${c + 1}` : name,
            values: picture,
            width: kw,
            height: kh,
          });
        }
      }
    } else if (shape.length === 2 && !(pictureShape && pictureShape.length === 3)) {
      // A Dense kernel on features that are not pixels: the whole matrix, one row per input, one column per unit.
      const [inputs, units] = shape;
      out.push({ label: `${inputs} inputs × ${units} units`, values, width: units, height: inputs });
    } else if (shape.length === 2 && pictureShape && pictureShape.length === 3) {
      const [inputs, units] = shape;
      const [height, width, channels] = pictureShape;
      for (let u = 0; u < units && out.length < MAX_PICTURES; u++) {
        // One weight per pixel and channel; channels are averaged into one picture.
        const picture = new Float32Array(height * width);
        for (let i = 0; i < inputs; i++) picture[Math.floor(i / channels)] += values[i * units + u] / channels;
        out.push({ label: props.names?.[u] ?? `Unit ${u + 1}`, values: picture, width, height });
      }
    }
    return out;
  }, [values, shape, pictureShape, props.names]);

  if (pictures.length === 0) return <p className="muted">These weights cannot be drawn as pictures.</p>;
  return (
    <div className="kernel-pictures">
      <ul className="picture-grid" aria-label={`Weights of ${props.layer}`}>
        {pictures.map((picture, i) => (
          <li key={i}>
            <PixelCanvas
              values={picture.values}
              width={picture.width}
              height={picture.height}
              range={[-limit, limit]}
              colorMap="diverging"
              label={`${picture.label} of ${props.layer}`}
              size={props.size ?? (picture.width <= 8 ? 48 : 72)}
            />
            <span className="picture-caption">{picture.label}</span>
          </li>
        ))}
      </ul>
      <p className="muted small">Blue: negative weights, red: positive, white: zero (scale ±{limit.toPrecision(2)}).</p>
    </div>
  );
});
