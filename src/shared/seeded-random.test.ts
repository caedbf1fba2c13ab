import { describe, expect, it } from 'vitest';
import { createRandom, deriveSeed, installSeededMathRandom, mulberry32, shuffleInPlace } from './seeded-random';

describe('seeded random', () => {
  it('keeps the published mulberry32 stream, which the shipped fonts set was generated from', () => {
    const random = mulberry32(42);
    expect([random(), random(), random()]).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
  });

  it('gives the same draws for the same seed and different ones for another', () => {
    const draw = (seed: number) => {
      const random = createRandom(seed);
      return [random.next(), random.uniform(-1, 1), random.int(10), random.normal()];
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    expect(deriveSeed(7, 1)).not.toBe(deriveSeed(7, 2));
    expect(deriveSeed(7, 1)).toBeGreaterThan(0);
  });

  it('shuffles to a permutation', () => {
    const values = Int32Array.from({ length: 50 }, (_, i) => i);
    shuffleInPlace(values, mulberry32(1));
    expect([...values].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect([...values]).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('seeds Math.random until restored', () => {
    const original = Math.random;
    const restore = installSeededMathRandom(3);
    const first = [Math.random(), Math.random()];
    restore();
    expect(Math.random).toBe(original);
    const again = installSeededMathRandom(3);
    expect([Math.random(), Math.random()]).toEqual(first);
    again();
  });
});
