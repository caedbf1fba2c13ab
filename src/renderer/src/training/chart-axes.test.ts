import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { epochRange, epochTicks, lossRange, tickLabels, valueTicks } from './chart-axes';

describe('chart axes', () => {
  it('counts epochs in whole numbers only, thinning them out on long runs', () => {
    expect(epochTicks(0, 2, 8)).toEqual([0, 1, 2]);
    expect(epochTicks(0, 1.5, 8)).toEqual([0, 1]);
    expect(epochTicks(1, 1, 8)).toEqual([1]);
    const long = epochTicks(0, 100, 6);
    expect(long.every(Number.isInteger)).toBe(true);
    expect(long.length).toBeLessThanOrEqual(7);
    expect(long.length).toBeGreaterThanOrEqual(3);
    expect(epochRange(1, 1)).toEqual([1, 2]);
  });

  it('gives a loss axis several ticks even when the loss is flat', () => {
    const [lo, hi] = lossRange(1.6094, 1.6094);
    const ticks = valueTicks(lo, hi, 4);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(lo).toBeGreaterThanOrEqual(0);
    const [a, b] = lossRange(0.02, 2.3);
    expect(valueTicks(a, b, 4).length).toBeGreaterThanOrEqual(3);
    expect(lossRange(null, null)).toEqual([0, 1]);
    // The course CNN's first epochs on a small chart: one tick ("1") before this was fixed.
    const [c, d] = lossRange(0.4, 1.7);
    expect(valueTicks(c, d, 3)).toEqual([0.5, 1, 1.5]);
  });

  it('always gives three to about maxCount round ticks inside any loss range', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 50, noNaN: true }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        fc.integer({ min: 2, max: 8 }),
        (a, b, maxCount) => {
          const [lo, hi] = lossRange(Math.min(a, b), Math.max(a, b));
          const ticks = valueTicks(lo, hi, maxCount);
          expect(ticks.length).toBeGreaterThanOrEqual(3);
          expect(ticks.length).toBeLessThanOrEqual(Math.max(3, maxCount) * 2 + 1);
          for (const t of ticks) expect(t >= lo - 1e-9 && t <= hi + 1e-9).toBe(true);
        },
      ),
      { seed: 15, numRuns: 300 },
    );
  });

  it('labels ticks with the decimals their step needs', () => {
    expect(tickLabels([0, 0.5, 1])).toEqual(['0.0', '0.5', '1.0']);
    expect(tickLabels([1.5, 1.55, 1.6])).toEqual(['1.50', '1.55', '1.60']);
    expect(tickLabels([0, 10, 20])).toEqual(['0', '10', '20']);
  });
});
