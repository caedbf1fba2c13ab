import { memo, useEffect, useRef, useState } from 'react';
import type uPlot from 'uplot';
import { epochRange, epochTicks, lossRange, tickLabels, valueTicks } from './chart-axes';

/**
 * The charts' colours, by role: training blue and validation red as the course draws them, the per-batch trace a
 * pale blue. Each is a CSS variable with a light and a dark value (styles/base.css), read when the plot is built.
 */
export const CHART_COLOR_VARS = { train: '--chart-train', val: '--chart-val', batch: '--chart-batch' } as const;
export type ChartColor = keyof typeof CHART_COLOR_VARS;

/** Plot height in CSS pixels (axes included); the plot area inside stays above 110 px. */
export const CHART_HEIGHT = 150;
/** Narrowest a chart is drawn; the dock keeps each chart at least this wide. */
export const CHART_MIN_WIDTH = 240;

export interface ChartSeries {
  label: string;
  /** A role's colour, or a fixed one (`#rrggbb`) for charts with a line per run or per layer. */
  color: ChartColor | `#${string}`;
  /** One value per x; null where the series has no point (drawn as a gap-bridging line). */
  values: (number | null)[];
  width?: number;
  /** Mark each value with a dot (per-epoch series); off for the dense per-batch trace. */
  points?: boolean;
  /** Leave the series out of the legend (the per-batch trace is read from the line, not from a number). */
  hideInLegend?: boolean;
}

export interface ChartProps {
  /** Accessible name of the chart, e.g. "Loss chart". */
  name: string;
  x: number[];
  series: ChartSeries[];
  /** A fixed value range (accuracy: [0, 1]); by default the loss range (see chart-axes). */
  yRange?: [number, number];
  /** Digits in the legend's values. */
  digits: number;
  /** A base-10 logarithmic y axis (gradient norms span orders of magnitude); values must be positive. */
  logY?: boolean;
  /** Text a screen reader hears for the latest values. */
  description: string;
  /** Axis colours are read from the theme's CSS variables; a theme switch rebuilds the plot. */
  theme: string;
}

/** The last value each series has (null when it has none yet): what the legend shows without hovering. */
export function latestValues(series: readonly ChartSeries[]): (number | null)[] {
  return series.map((s) => {
    for (let i = s.values.length - 1; i >= 0; i--) if (s.values[i] !== null) return s.values[i];
    return null;
  });
}

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/**
 * A uPlot line chart created once and fed with `setData` on every update, so a point per batch doesn't rebuild the
 * plot; whole-epoch ticks on x and several value ticks on y (chart-axes.ts). The legend is ours, below the plot,
 * always showing each series' latest value. uPlot is loaded lazily: it needs a real canvas, which jsdom tests don't
 * have.
 */
export const MetricsChart = memo(function MetricsChart(props: ChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const [failed, setFailed] = useState(false);
  const seriesKey = `${props.theme}|${props.logY ? 'log' : 'linear'}|${props.series.map((s) => `${s.label}:${s.color}`).join('|')}`;
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    let disposed = false;
    let observer: ResizeObserver | null = null;
    const canDraw = typeof window.matchMedia === 'function' && document.createElement('canvas').getContext?.('2d');
    if (!canDraw) {
      setFailed(true);
      return;
    }
    void import('uplot')
      .then(({ default: UPlot }) => {
        if (disposed) return;
        const p = latest.current;
        const width = Math.max(CHART_MIN_WIDTH, el.clientWidth);
        const muted = cssVar('--text-muted', '#666');
        const grid = cssVar('--grid', 'rgba(128,128,128,0.2)');
        const font = `11px ${cssVar('--font-ui', 'sans-serif')}`;
        const axis = { stroke: muted, font, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
        const opts: uPlot.Options = {
          width,
          height: CHART_HEIGHT,
          legend: { show: false },
          cursor: { drag: { x: true, y: false } },
          scales: {
            // From the data itself: uPlot pads a single x value to 0…100 before a range function sees it.
            x: { time: false, range: (u) => epochRange(u.data[0][0] ?? null, u.data[0].at(-1) ?? null) },
            y: p.logY
              ? { distr: 3, log: 10 }
              : { range: p.yRange ? () => p.yRange! : (_u, min, max) => lossRange(min, max) },
          },
          axes: [
            {
              ...axis,
              label: 'epoch',
              labelFont: font,
              labelSize: 16,
              size: 30,
              splits: (u, _i, min, max) =>
                epochTicks(min, max, Math.max(2, Math.floor(u.bbox.width / devicePixelRatio / 45))),
              values: (_u, splits) => splits.map((v) => String(v)),
            },
            p.logY
              ? // uPlot's own ticks on a log axis: one per power of ten.
                { ...axis, size: 46 }
              : {
                  ...axis,
                  size: 46,
                  splits: (u, _i, min, max) =>
                    valueTicks(min, max, Math.max(3, Math.floor(u.bbox.height / devicePixelRatio / 28))),
                  values: (_u, splits) => tickLabels(splits),
                },
          ],
          series: [
            { label: 'epoch' },
            ...p.series.map((s) => ({
              label: s.label,
              stroke: s.color.startsWith('#') ? s.color : cssVar(CHART_COLOR_VARS[s.color as ChartColor], '#888'),
              width: s.width ?? 2,
              spanGaps: true,
              points: { show: s.points ?? true, size: 5 },
            })),
          ],
        };
        plot.current = new UPlot(opts, toData(p), el);
        observer = new ResizeObserver(() => {
          const w = el.clientWidth;
          if (plot.current && w > 0)
            plot.current.setSize({ width: Math.max(CHART_MIN_WIDTH, w), height: CHART_HEIGHT });
        });
        observer.observe(el);
      })
      .catch(() => setFailed(true));
    return () => {
      disposed = true;
      observer?.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
    // Rebuild only when the set of series changes; data flows in through setData below.
  }, [seriesKey]);

  useEffect(() => {
    plot.current?.setData(toData(props));
  }, [props]);

  const values = latestValues(props.series);
  return (
    <figure className="chart" style={{ minWidth: CHART_MIN_WIDTH }}>
      <div ref={host} className="chart-plot" role="img" aria-label={props.name} title={props.description}>
        {failed && <p className="empty-hint">{props.description}</p>}
      </div>
      <figcaption className="visually-hidden">{props.description}</figcaption>
      <ul className="chart-legend" aria-hidden="true">
        {props.series.map((s, i) =>
          s.hideInLegend ? null : (
            <li key={s.label} data-series={s.label}>
              {s.color.startsWith('#') ? (
                <span className="legend-line" style={{ background: s.color }} />
              ) : (
                <span className={`legend-line legend-${s.color}`} />
              )}
              {s.label}{' '}
              <span className="legend-value">{values[i] === null ? '–' : values[i]!.toFixed(props.digits)}</span>
            </li>
          ),
        )}
      </ul>
    </figure>
  );
});

function toData(p: ChartProps): uPlot.AlignedData {
  return [p.x, ...p.series.map((s) => s.values)] as uPlot.AlignedData;
}
