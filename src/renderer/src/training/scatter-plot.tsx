import { memo, useMemo } from 'react';
import type { DatasetPreview } from '../../../shared/ipc/api';

type Point = NonNullable<DatasetPreview['points']>[number];

/** Okabe–Ito colours: told apart with the common colour-vision deficiencies, readable on light and dark panels. */
export const CLASS_COLORS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#F0E442'] as const;

export function classColor(classIndex: number): string {
  return CLASS_COLORS[((classIndex % CLASS_COLORS.length) + CLASS_COLORS.length) % CLASS_COLORS.length];
}

/** Side of the square drawing area in SVG user units; CSS scales the whole picture. */
const SIZE = 160;
const MARGIN = 6;

/**
 * One SVG path per class, each point a zero-length segment drawn as a round dot. Both axes share one scale so
 * circles stay round and the picture shows the geometry the network has to learn. Non-finite points are skipped.
 */
export function scatterPaths(points: readonly Point[]): { classIndex: number; d: string; count: number }[] {
  const finite = points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  if (finite.length === 0) return [];
  let minX = Infinity,
    maxX = -Infinity,
    minY = Infinity,
    maxY = -Infinity;
  for (const p of finite) {
    minX = Math.min(minX, p.x);
    maxX = Math.max(maxX, p.x);
    minY = Math.min(minY, p.y);
    maxY = Math.max(maxY, p.y);
  }
  // A single point or a line has no extent on some axis: give it one so nothing divides by zero.
  const span = Math.max(maxX - minX, maxY - minY) || 1;
  const scale = (SIZE - 2 * MARGIN) / span;
  const offsetX = MARGIN + (SIZE - 2 * MARGIN - (maxX - minX) * scale) / 2;
  const offsetY = MARGIN + (SIZE - 2 * MARGIN - (maxY - minY) * scale) / 2;
  const byClass = new Map<number, string[]>();
  for (const p of finite) {
    const x = offsetX + (p.x - minX) * scale;
    // SVG's y grows downwards; the data's upwards.
    const y = SIZE - (offsetY + (p.y - minY) * scale);
    let parts = byClass.get(p.classIndex);
    if (!parts) byClass.set(p.classIndex, (parts = []));
    parts.push(`M${x.toFixed(1)} ${y.toFixed(1)}h0`);
  }
  return [...byClass.entries()]
    .sort(([a], [b]) => a - b)
    .map(([classIndex, parts]) => ({ classIndex, d: parts.join(''), count: parts.length }));
}

/** The 2-D classroom sets (xor, circles, moons, spiral, blobs) as a small scatter plot with a legend. */
export const ScatterPlot = memo(function ScatterPlot(props: {
  datasetName: string;
  points: readonly Point[];
  classNames: readonly string[];
  /** Samples per class in the whole data set (the plot may show only the first few thousand). */
  countsPerClass: readonly number[];
}) {
  const paths = useMemo(() => scatterPaths(props.points), [props.points]);
  const total = props.countsPerClass.reduce((a, b) => a + b, 0);
  return (
    <figure className="scatter">
      <svg
        className="scatter-plot"
        viewBox={`0 0 ${SIZE} ${SIZE}`}
        role="img"
        aria-label={`Scatter plot of the ${props.datasetName} data set`}
      >
        <rect className="scatter-frame" x={0.5} y={0.5} width={SIZE - 1} height={SIZE - 1} />
        {paths.map((p) => (
          <path
            key={p.classIndex}
            data-class-index={p.classIndex}
            d={p.d}
            stroke={classColor(p.classIndex)}
            className="scatter-points"
          />
        ))}
      </svg>
      <figcaption>
        <ul className="scatter-legend" aria-label="Classes">
          {props.classNames.map((name, c) => (
            <li key={c}>
              <span className="swatch" style={{ background: classColor(c) }} aria-hidden="true" />
              <span className="legend-name" title={name}>
                {name}
              </span>
              <span className="legend-count">{(props.countsPerClass[c] ?? 0).toLocaleString('en-US')}</span>
            </li>
          ))}
        </ul>
        {props.points.length < total && (
          <p className="muted small">
            {props.points.length.toLocaleString('en-US')} of {total.toLocaleString('en-US')} points shown
          </p>
        )}
      </figcaption>
    </figure>
  );
});
