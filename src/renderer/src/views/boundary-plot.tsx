import { memo, useEffect, useMemo, useRef, type MouseEvent } from 'react';
import { unpack, unpackBytes } from '../../../shared/views/packed-array';
import type { PlaneExtent } from '../../../shared/views/plane';
import type { BoundaryGrid } from '../../../shared/views/view-queries';
import { classColor } from '../training/scatter-plot';

/** Side of the plot in SVG user units (CSS scales it). */
const SIZE = 240;

export interface PlanePoint {
  x: number;
  y: number;
  classIndex: number;
}

/**
 * The plane of a 2-D data set: the predicted class as a background (each cell in its class's colour, stronger where
 * the model is surer), the data points on top, and optionally a point the user picked. Clicking reports the data
 * coordinates when `onPick` is given.
 */
export const BoundaryPlot = memo(function BoundaryPlot(props: {
  /** Accessible name, e.g. "Decision boundary". */
  label: string;
  extent: PlaneExtent;
  grid: BoundaryGrid | null;
  points: readonly PlanePoint[];
  picked?: PlanePoint | null;
  onPick?: (x: number, y: number) => void;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const { grid, extent } = props;
  const cells = useMemo(
    () => (grid ? { classes: unpackBytes(grid.classes), confidence: unpack(grid.confidence) } : null),
    [grid],
  );
  const resolution = grid?.classes.shape[0] ?? 1;

  useEffect(() => {
    const context = canvas.current?.getContext?.('2d');
    if (!context || !cells) return;
    const image = context.createImageData(resolution, resolution);
    for (let cell = 0; cell < cells.classes.length; cell++) {
      const [r, g, b] = hexToRgb(classColor(cells.classes[cell]));
      // Paper white blended towards the class colour: faint where the model hesitates, strong where it is sure.
      const strength = 0.12 + 0.6 * Math.max(0, (cells.confidence[cell] - 0.5) * 2);
      image.data.set(
        [255 + (r - 255) * strength, 255 + (g - 255) * strength, 255 + (b - 255) * strength, 255].map(Math.round),
        cell * 4,
      );
    }
    context.putImageData(image, 0, 0);
  }, [cells, resolution]);

  const toSvg = (x: number, y: number) => ({
    sx: ((x - extent.xMin) / (extent.xMax - extent.xMin)) * SIZE,
    sy: ((extent.yMax - y) / (extent.yMax - extent.yMin)) * SIZE,
  });
  const pick = (event: MouseEvent<SVGSVGElement>) => {
    if (!props.onPick) return;
    const box = event.currentTarget.getBoundingClientRect();
    const fx = (event.clientX - box.left) / box.width;
    const fy = (event.clientY - box.top) / box.height;
    props.onPick(extent.xMin + fx * (extent.xMax - extent.xMin), extent.yMax - fy * (extent.yMax - extent.yMin));
  };
  const picked = props.picked ? toSvg(props.picked.x, props.picked.y) : null;

  return (
    <div className="boundary-plot">
      <canvas ref={canvas} width={resolution} height={resolution} className="boundary-grid" aria-hidden="true" />
      <svg
        viewBox={`0 0 ${SIZE} ${SIZE}`}
        role="img"
        aria-label={props.label}
        className={props.onPick ? 'boundary-points is-pickable' : 'boundary-points'}
        onClick={pick}
      >
        <rect className="boundary-frame" x={0.5} y={0.5} width={SIZE - 1} height={SIZE - 1} />
        {props.points.map((p, i) => {
          const { sx, sy } = toSvg(p.x, p.y);
          return <circle key={i} cx={sx} cy={sy} r={2.6} fill={classColor(p.classIndex)} className="boundary-point" />;
        })}
        {picked && props.picked && (
          <g className="boundary-picked">
            <circle cx={picked.sx} cy={picked.sy} r={7} fill="none" stroke="currentColor" strokeWidth={2} />
            <circle cx={picked.sx} cy={picked.sy} r={3.5} fill={classColor(props.picked.classIndex)} />
          </g>
        )}
      </svg>
    </div>
  );
});

function hexToRgb(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}
