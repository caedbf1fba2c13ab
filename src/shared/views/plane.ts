/** A region of the plane, as the decision boundary covers it. */
export interface PlaneExtent {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/**
 * The square the decision boundary covers for data spanning `bounds`: centred on it, 10 % wider than its larger side
 * (so no point sits on the edge), square so that circles look round. Empty or degenerate bounds give [-1, 1]².
 */
export function planeExtent(bounds: PlaneExtent): PlaneExtent {
  const { xMin, xMax, yMin, yMax } = bounds;
  if (![xMin, xMax, yMin, yMax].every(Number.isFinite)) return { xMin: -1, xMax: 1, yMin: -1, yMax: 1 };
  const half = (Math.max(xMax - xMin, yMax - yMin) || 1) * 0.55;
  const cx = (xMin + xMax) / 2;
  const cy = (yMin + yMax) / 2;
  return { xMin: cx - half, xMax: cx + half, yMin: cy - half, yMax: cy + half };
}

/** The bounds of points (non-finite ones skipped). */
export function pointBounds(count: number, x: (i: number) => number, y: (i: number) => number): PlaneExtent {
  let xMin = Infinity,
    xMax = -Infinity,
    yMin = Infinity,
    yMax = -Infinity;
  for (let i = 0; i < count; i++) {
    const px = x(i);
    const py = y(i);
    if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
    xMin = Math.min(xMin, px);
    xMax = Math.max(xMax, px);
    yMin = Math.min(yMin, py);
    yMax = Math.max(yMax, py);
  }
  return { xMin, xMax, yMin, yMax };
}
