import { describe, expect, it } from 'vitest';
import { classColor, CLASS_COLORS, scatterPaths } from './scatter-plot';

describe('scatterPaths', () => {
  it('centres a single point (no extent to divide by) and skips non-finite ones', () => {
    const paths = scatterPaths([
      { x: 3, y: 3, classIndex: 2 },
      { x: Infinity, y: 0, classIndex: 0 },
    ]);
    expect(paths).toEqual([{ classIndex: 2, d: 'M80.0 80.0h0', count: 1 }]);
    expect(scatterPaths([{ x: Number.NaN, y: 1, classIndex: 0 }])).toEqual([]);
  });

  it('uses one scale for both axes, so a wide cloud is not stretched vertically', () => {
    const [path] = scatterPaths([
      { x: 0, y: 0, classIndex: 0 },
      { x: 10, y: 1, classIndex: 0 },
    ]);
    const [a, b] = [...path.d.matchAll(/M([\d.]+) ([\d.]+)h0/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(b[0] - a[0]).toBeCloseTo(148, 0);
    expect(a[1] - b[1]).toBeCloseTo(14.8, 0);
  });

  it('cycles colours beyond the palette', () => {
    expect(classColor(CLASS_COLORS.length)).toBe(classColor(0));
  });
});
