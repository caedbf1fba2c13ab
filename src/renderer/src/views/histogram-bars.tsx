import type { Histogram } from '../../../shared/views/view-queries';
import { shortNumber } from './format';

const WIDTH = 160;
const HEIGHT = 40;

/** A small bar chart of a histogram, with its range underneath; counts on a square-root scale so tails stay visible. */
export function HistogramBars(props: { histogram: Histogram; label: string }) {
  const { counts, min, max } = props.histogram;
  const top = Math.sqrt(Math.max(1, ...counts));
  const width = WIDTH / counts.length;
  return (
    <figure className="histogram">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={props.label}>
        {counts.map((count, i) => {
          const height = (Math.sqrt(count) / top) * HEIGHT;
          return <rect key={i} x={i * width + 0.5} y={HEIGHT - height} width={width - 1} height={height} />;
        })}
      </svg>
      <figcaption className="histogram-range">
        <span>{shortNumber(min)}</span>
        <span>{shortNumber(max)}</span>
      </figcaption>
    </figure>
  );
}
