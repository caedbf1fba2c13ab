/**
 * The canvas camera's arithmetic, kept apart from React Flow so it is tested on plain numbers. A viewport is React
 * Flow's: a flow point p appears on screen at p × zoom + (x, y).
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ViewportXYZ {
  x: number;
  y: number;
  zoom: number;
}

/**
 * The smallest zoom "fit view" goes down to: below it the cards' 11 px text would be smaller than 8 px (the issue: a
 * nine-layer CNN shown at 6 px). A graph that doesn't fit at this zoom is shown from its start and scrolled.
 */
export const MIN_FIT_ZOOM = 0.75;
/** Fit view never magnifies a small graph past this. */
export const MAX_FIT_ZOOM = 1.2;
/** Room kept around the fitted graph, in screen pixels. */
export const FIT_PADDING = 24;

/**
 * The viewport showing `bounds` (flow coordinates) whole in a `view` of the given pixel size, zoomed as far as fits
 * between `minZoom` and `maxZoom`. When the graph is too large even at `minZoom`, its top and left edge (where the
 * Input sits, whether the layout runs down or to the right) stay in view and the rest is a scroll away.
 */
export function fitViewport(
  bounds: Rect,
  view: { width: number; height: number },
  options: { minZoom?: number; maxZoom?: number; padding?: number } = {},
): ViewportXYZ {
  const { minZoom = MIN_FIT_ZOOM, maxZoom = MAX_FIT_ZOOM, padding = FIT_PADDING } = options;
  const room = { width: Math.max(1, view.width - 2 * padding), height: Math.max(1, view.height - 2 * padding) };
  const fits = Math.min(room.width / Math.max(1, bounds.width), room.height / Math.max(1, bounds.height));
  const zoom = Math.min(maxZoom, Math.max(minZoom, fits));
  const place = (start: number, size: number, available: number) =>
    size * zoom <= available ? padding + (available - size * zoom) / 2 - start * zoom : padding - start * zoom;
  return {
    x: place(bounds.x, bounds.width, room.width),
    y: place(bounds.y, bounds.height, room.height),
    zoom,
  };
}

/** Whether `rect` (flow coordinates) lies wholly inside the visible `view` under `viewport`. */
export function isInView(rect: Rect, viewport: ViewportXYZ, view: { width: number; height: number }): boolean {
  const left = rect.x * viewport.zoom + viewport.x;
  const top = rect.y * viewport.zoom + viewport.y;
  return (
    left >= 0 &&
    top >= 0 &&
    left + rect.width * viewport.zoom <= view.width &&
    top + rect.height * viewport.zoom <= view.height
  );
}

/** The viewport, at the same zoom, with `rect` centred in `view`. */
export function centredOn(rect: Rect, zoom: number, view: { width: number; height: number }): ViewportXYZ {
  return {
    x: view.width / 2 - (rect.x + rect.width / 2) * zoom,
    y: view.height / 2 - (rect.y + rect.height / 2) * zoom,
    zoom,
  };
}

/** After the view changed size, the viewport that keeps the same flow point at its centre. */
export function keepCentre(
  viewport: ViewportXYZ,
  before: { width: number; height: number },
  after: { width: number; height: number },
): ViewportXYZ {
  return {
    x: viewport.x + (after.width - before.width) / 2,
    y: viewport.y + (after.height - before.height) / 2,
    zoom: viewport.zoom,
  };
}

/** The box around `rects`; null for none. */
export function boundsOfRects(rects: readonly Rect[]): Rect | null {
  if (rects.length === 0) return null;
  const left = Math.min(...rects.map((r) => r.x));
  const top = Math.min(...rects.map((r) => r.y));
  const right = Math.max(...rects.map((r) => r.x + r.width));
  const bottom = Math.max(...rects.map((r) => r.y + r.height));
  return { x: left, y: top, width: right - left, height: bottom - top };
}
