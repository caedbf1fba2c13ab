import type { Histogram, ValueStats } from '../../shared/views/view-queries';

/** Count, range, mean, standard deviation and the share of exact zeros of `values` (all 0 for an empty set). */
export function valueStats(values: ArrayLike<number>): ValueStats {
  const count = values.length;
  if (count === 0) return { count: 0, min: 0, max: 0, mean: 0, std: 0, zeroShare: 0 };
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let zeros = 0;
  for (let i = 0; i < count; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    if (v === 0) zeros++;
  }
  const mean = sum / count;
  let squares = 0;
  for (let i = 0; i < count; i++) squares += (values[i] - mean) ** 2;
  return { count, min, max, mean, std: Math.sqrt(squares / count), zeroShare: zeros / count };
}

/** `bins` equal bins over [min, max] of `values`; the maximum falls in the last bin, a constant set in the first. */
export function histogram(values: ArrayLike<number>, bins: number, range?: { min: number; max: number }): Histogram {
  const counts = new Array<number>(bins).fill(0);
  const { min, max } = range ?? valueStats(values);
  const width = (max - min) / bins;
  for (let i = 0; i < values.length; i++) {
    const bin = width > 0 ? Math.min(bins - 1, Math.floor((values[i] - min) / width)) : 0;
    counts[bin] += 1;
  }
  return { min, max, counts };
}
