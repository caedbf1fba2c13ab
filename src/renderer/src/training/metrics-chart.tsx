import { memo, useEffect, useRef, useState } from 'react';
import type uPlot from 'uplot';

/** Training in blue and validation in red, as the course draws them. */
export const TRAIN_COLOR = '#2563eb';
export const VAL_COLOR = '#dc2626';
const BATCH_COLOR = 'rgba(37, 99, 235, 0.35)';
/** Plot height in CSS pixels; two charts and the matrix fit the training dock without scrolling. */
const CHART_HEIGHT = 150;

export interface ChartSeries {
  label: string;
  color: string;
  /** One value per x; null where the series has no point (drawn as a gap-bridging line). */
  values: (number | null)[];
  width?: number;
  /** Mark each value with a dot (per-epoch series); off for the dense per-batch trace. */
  points?: boolean;
}

export interface ChartProps {
  /** Accessible name of the chart, e.g. "Loss chart". */
  name: string;
  xLabel: string;
  x: number[];
  series: ChartSeries[];
  yRange?: [number, number];
  /** A base-10 logarithmic y axis (gradient norms span orders of magnitude); values must be positive. */
  logY?: boolean;
  /** Text a screen reader hears for the latest values. */
  description: string;
  /** Axis colours are read from the theme's CSS variables; a theme switch rebuilds the plot. */
  theme: string;
}

/**
 * A uPlot line chart created once and fed with `setData` on every update, so a point per batch doesn't rebuild
 * the plot. uPlot is loaded lazily: it needs a real canvas, which jsdom tests don't have.
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
        const width = Math.max(200, el.clientWidth);
        const css = getComputedStyle(document.documentElement);
        const muted = css.getPropertyValue('--text-muted').trim() || '#666';
        const grid = css.getPropertyValue('--grid').trim() || 'rgba(128,128,128,0.2)';
        const axis = { stroke: muted, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
        const opts: uPlot.Options = {
          width,
          height: CHART_HEIGHT,
          legend: { show: true, live: true },
          cursor: { drag: { x: true, y: false } },
          scales: {
            x: { time: false },
            y: p.logY ? { distr: 3, log: 10 } : p.yRange ? { range: p.yRange } : { auto: true },
          },
          axes: [
            { ...axis, label: p.xLabel },
            { ...axis, size: 50 },
          ],
          series: [
            { label: p.xLabel },
            ...p.series.map((s) => ({
              label: s.label,
              stroke: s.color,
              width: s.width ?? 2,
              spanGaps: true,
              points: { show: s.points ?? true, size: 5 },
            })),
          ],
        };
        plot.current = new UPlot(opts, toData(p), el);
        observer = new ResizeObserver(() => {
          const w = el.clientWidth;
          if (plot.current && w > 0) plot.current.setSize({ width: w, height: CHART_HEIGHT });
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

  return (
    <figure className="chart">
      <div ref={host} className="chart-plot" role="img" aria-label={props.name} title={props.description}>
        {failed && <p className="empty-hint">{props.description}</p>}
      </div>
      <figcaption className="visually-hidden">{props.description}</figcaption>
    </figure>
  );
});

function toData(p: ChartProps): uPlot.AlignedData {
  return [p.x, ...p.series.map((s) => s.values)] as uPlot.AlignedData;
}

export const CHART_COLORS = { train: TRAIN_COLOR, val: VAL_COLOR, batch: BATCH_COLOR };
