import { deriveSeed, mulberry32 } from '../../shared/seeded-random';

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
