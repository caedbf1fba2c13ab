/**
 * Tick marks and value ranges of the training charts, as plain functions: epochs are counted in whole numbers, and a
 * value axis always shows several readable ticks, however flat the curve.
 */

const NICE = [1, 2, 2.5, 5];

/** A step of 1, 2, 2.5 or 5 times a power of ten, the smallest giving at most `maxCount` steps over `span`. */
function niceStep(span: number, maxCount: number): number {
  const rough = span / Math.max(1, maxCount);
  const power = 10 ** Math.floor(Math.log10(rough));
  for (const factor of [...NICE, 10]) if (factor * power >= rough) return factor * power;
  return 10 * power;
}

/** The next smaller nice step (5 → 2.5 → 2 → 1 → 0.5 …). */
function smallerStep(step: number): number {
  const power = 10 ** Math.floor(Math.log10(step) + 1e-9);
  const index = NICE.findIndex((factor) => Math.abs(factor * power - step) < power * 1e-6);
  return index > 0 ? NICE[index - 1] * power : 5 * (power / 10);
}

/** Whole epochs from `min` to `max`: every one when they fit in `maxCount`, else every 2nd, 5th, 10th… */
export function epochTicks(min: number, max: number, maxCount: number): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max < min) return [];
  const step = Math.max(1, Math.round(niceStep(Math.max(1, max - min), maxCount)));
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max + 1e-9; t += step) ticks.push(t);
  return ticks;
}

/** Round values from `min` to `max` for a value axis: at least three, and about `maxCount` where that many fit. */
export function valueTicks(min: number, max: number, maxCount: number): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max <= min) return [];
  const ticksOf = (step: number) => {
    const ticks: number[] = [];
    const first = Math.ceil(min / step - 1e-9) * step;
    for (let t = first; t <= max + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
    return ticks;
  };
  let step = niceStep(max - min, Math.max(2, maxCount));
  let ticks = ticksOf(step);
  // Nice steps can land so that only one or two round values fall inside: take smaller ones until three do.
  while (ticks.length < 3) {
    step = smallerStep(step);
    ticks = ticksOf(step);
  }
  return ticks;
}

/** The epoch axis's range: whole epochs, at least one epoch wide (a run with one epoch still has an axis). */
export function epochRange(min: number | null, max: number | null): [number, number] {
  const lo = Math.floor(min ?? 0);
  const hi = Math.ceil(max ?? 1);
  return [lo, Math.max(hi, lo + 1)];
}

/**
 * A loss axis's range: the values with some room above and below, never below zero (losses aren't negative), and
 * never so narrow that a flat curve leaves one tick: a flat loss of 1.609 gets 1.5 … 1.7.
 */
export function lossRange(min: number | null, max: number | null): [number, number] {
  if (min === null || max === null || !Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  const span = Math.max(max - min, Math.abs(max) * 0.1, 1e-3);
  const lo = Math.max(0, min - span * 0.1);
  return [lo, max + span * 0.1];
}

/** A tick's text: as few decimals as the step between ticks needs. */
export function tickLabels(ticks: readonly number[]): string[] {
  const step = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : 1;
  const decimals = step >= 1 ? 0 : Math.min(6, Math.ceil(-Math.log10(step) - 1e-9));
  return ticks.map((t) => t.toFixed(decimals));
}
