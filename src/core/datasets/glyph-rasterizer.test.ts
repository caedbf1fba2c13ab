import { describe, expect, it } from 'vitest';
import { downsampleMask, fillSupersampled, flattenOutline, morphMask, type OutlineCommand } from './glyph-rasterizer';

const square = (x0: number, y0: number, x1: number, y1: number, clockwise = true): OutlineCommand[] =>
  clockwise
    ? [
        { type: 'M', x: x0, y: y0 },
        { type: 'L', x: x1, y: y0 },
        { type: 'L', x: x1, y: y1 },
        { type: 'L', x: x0, y: y1 },
        { type: 'Z' },
      ]
    : [
        { type: 'M', x: x0, y: y0 },
        { type: 'L', x: x0, y: y1 },
        { type: 'L', x: x1, y: y1 },
        { type: 'L', x: x1, y: y0 },
        { type: 'Z' },
      ];

function render(commands: OutlineCommand[], size = 8, ss = 4, radius = 0): Uint8Array {
  const mask = morphMask(fillSupersampled(flattenOutline(commands), size, size, ss), size * ss, size * ss, radius);
  return downsampleMask(mask, size, size, ss);
}

describe('glyph rasterizer', () => {
  it('fills a pixel-aligned square exactly', () => {
    const px = render(square(2, 2, 5, 4));
    for (let y = 0; y < 8; y++)
      for (let x = 0; x < 8; x++) expect(px[y * 8 + x]).toBe(x >= 2 && x < 5 && y >= 2 && y < 4 ? 255 : 0);
  });

  it('anti-aliases partial coverage', () => {
    const px = render(square(1.5, 1, 3, 2));
    expect(px[8 + 1]).toBe(128);
    expect(px[8 + 2]).toBe(255);
  });

  it('cuts holes with the nonzero winding rule (counter-wound inner contour)', () => {
    const px = render([...square(0, 0, 6, 6), ...square(2, 2, 4, 4, false)]);
    expect(px[3 * 8 + 3]).toBe(0);
    expect(px[1 * 8 + 1]).toBe(255);
    // Same winding twice is still filled.
    expect(render([...square(0, 0, 6, 6), ...square(2, 2, 4, 4)])[3 * 8 + 3]).toBe(255);
  });

  it('thickens and thins strokes', () => {
    const ink = (px: Uint8Array) => px.reduce((a, v) => a + v, 0);
    const base = ink(render(square(2, 2, 5, 5)));
    expect(ink(render(square(2, 2, 5, 5), 8, 4, 1))).toBeGreaterThan(base);
    expect(ink(render(square(2, 2, 5, 5), 8, 4, -1))).toBeLessThan(base);
  });

  it('flattens curves through their end points', () => {
    const [poly] = flattenOutline([
      { type: 'M', x: 0, y: 0 },
      { type: 'Q', x1: 5, y1: 10, x: 10, y: 0 },
      { type: 'C', x1: 10, y1: -5, x2: 0, y2: -5, x: 0, y: 0 },
      { type: 'Z' },
    ]);
    expect(poly.slice(0, 2)).toEqual([0, 0]);
    expect(poly).toContain(10);
    // The quadratic's midpoint is at y = 5.
    expect(Math.max(...poly.filter((_, i) => i % 2 === 1))).toBeCloseTo(5, 5);
  });
});
