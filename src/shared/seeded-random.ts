/**
 * One small, fast, seedable PRNG (mulberry32) for every random choice LayerLab makes itself: dataset generation,
 * splits, shuffling, weight-init seeds. Same seed → same stream on every platform.
 */
export type RandomSource = () => number;

export function mulberry32(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Derives an independent 31-bit seed for a sub-stream (a layer's initializer, the shuffler...) from a base seed. */
export function deriveSeed(seed: number, stream: number): number {
  const random = mulberry32((seed ^ Math.imul(stream + 1, 0x9e3779b1)) >>> 0);
  // tfjs treats a seed of 0 as "no seed" in several ops, so never hand it one.
  return Math.floor(random() * 0x7ffffffe) + 1;
}

/** In-place Fisher–Yates shuffle driven by `random`. */
export function shuffleInPlace<T>(values: T[] | Int32Array, random: RandomSource): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = values[i];
    values[i] = values[j];
    values[j] = tmp;
  }
}
