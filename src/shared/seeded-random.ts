/**
 * The one seedable PRNG (mulberry32) behind every random choice LayerLab makes itself: dataset generation, splits,
 * shuffling, weight-init seeds, and (through `installSeededMathRandom`) tfjs's own draws. Same seed → same stream on
 * every platform.
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

/** The distributions the data-set generators and splits draw from, over one mulberry32 stream. */
export interface SeededRandom {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  uniform(min: number, max: number): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
}

export function createRandom(seed: number): SeededRandom {
  const next = mulberry32((Math.floor(seed) ^ 0x9e3779b9) >>> 0);
  return {
    next,
    uniform: (min, max) => min + (max - min) * next(),
    int: (n) => Math.floor(next() * n),
    normal: () => {
      // 1 - next() lies in (0, 1], so the log is finite.
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
  };
}

/**
 * Replaces `Math.random` with a seeded source until the returned function is called. tfjs draws dropout masks, noise
 * and unseeded initializers from `Math.random`, so this is what makes a run repeatable. Only the training process
 * (or a test) should do this: it affects everything in the process.
 */
export function installSeededMathRandom(seed: number): () => void {
  const original = Math.random;
  Math.random = mulberry32(deriveSeed(seed, 0x5eed));
  return () => {
    Math.random = original;
  };
}
