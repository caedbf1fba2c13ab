import { memo, useEffect, useRef } from 'react';

/** How values become colours: gray from black (low) to white (high), or blue–white–red around zero (weights). */
export type ColorMap = 'gray' | 'diverging';

/**
 * A small picture of `values` ([height, width, channels] row-major; 3 channels are RGB, others show the first),
 * drawn at its own pixel size and scaled up crisply by CSS. `range` maps values to colours: for gray [low, high], for
 * diverging ±range[1] around zero.
 */
export const PixelCanvas = memo(function PixelCanvas(props: {
  values: ArrayLike<number>;
  width: number;
  height: number;
  channels?: number;
  /** Values at range[0] are black and at range[1] white (gray); the diverging map uses ±max(|range|). */
  range: readonly [number, number];
  colorMap?: ColorMap;
  /** Accessible name and tooltip. */
  label: string;
  /** CSS size in pixels of the longer side. */
  size?: number;
  className?: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const { values, width, height, range } = props;
  const channels = props.channels ?? 1;
  const colorMap = props.colorMap ?? 'gray';
  useEffect(() => {
    // jsdom (component tests) has no 2-D context: the picture is then just its label.
    const context = ref.current?.getContext?.('2d');
    if (!context) return;
    const image = context.createImageData(width, height);
    const [low, high] = range;
    const span = high - low || 1;
    const limit = Math.max(Math.abs(low), Math.abs(high)) || 1;
    for (let p = 0; p < width * height; p++) {
      let rgb: [number, number, number];
      if (colorMap === 'diverging') {
        rgb = diverging(values[p * channels] / limit);
      } else if (channels === 3) {
        rgb = [0, 1, 2].map((c) => gray((values[p * 3 + c] - low) / span)) as [number, number, number];
      } else {
        const g = gray((values[p * channels] - low) / span);
        rgb = [g, g, g];
      }
      image.data.set([rgb[0], rgb[1], rgb[2], 255], p * 4);
    }
    context.putImageData(image, 0, 0);
  }, [values, width, height, channels, range, colorMap]);
  const size = props.size ?? 72;
  const scale = size / Math.max(width, height);
  return (
    <canvas
      ref={ref}
      className={`pixel-canvas${props.className ? ` ${props.className}` : ''}`}
      width={width}
      height={height}
      style={{ width: Math.round(width * scale), height: Math.round(height * scale) }}
      role="img"
      aria-label={props.label}
      title={props.label}
    />
  );
});

function gray(share: number): number {
  return Math.round(Math.min(1, Math.max(0, share)) * 255);
}

/** −1 blue, 0 white, +1 red (a ColorBrewer RdBu-like ramp), clamped. */
function diverging(value: number): [number, number, number] {
  const v = Math.max(-1, Math.min(1, Number.isFinite(value) ? value : 0));
  const cold: [number, number, number] = [33, 102, 172];
  const hot: [number, number, number] = [178, 24, 43];
  const end = v < 0 ? cold : hot;
  const t = Math.abs(v);
  return [0, 1, 2].map((c) => Math.round(255 + (end[c] - 255) * t)) as [number, number, number];
}

/** The largest absolute value, so a diverging map is symmetric around zero. */
export function absMax(values: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) max = Math.max(max, Math.abs(values[i]));
  return max || 1;
}

/** Smallest and largest value. */
export function extent(values: ArrayLike<number>): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < values.length; i++) {
    low = Math.min(low, values[i]);
    high = Math.max(high, values[i]);
  }
  return Number.isFinite(low) ? [low, high] : [0, 1];
}
