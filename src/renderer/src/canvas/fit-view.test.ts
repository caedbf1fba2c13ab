import { describe, expect, it } from 'vitest';
import { boundsOfRects, centredOn, fitViewport, isInView, keepCentre, MIN_FIT_ZOOM } from './fit-view';

const view = { width: 800, height: 400 };

describe('fitViewport', () => {
  it('centres a small graph, magnified no further than the maximum', () => {
    const v = fitViewport({ x: 0, y: 0, width: 200, height: 90 }, view, { maxZoom: 1.2, padding: 20 });
    expect(v.zoom).toBe(1.2);
    expect(v.x + 100 * 1.2).toBeCloseTo(400);
    expect(v.y + 45 * 1.2).toBeCloseTo(200);
  });

  it('never zooms a tall graph below the legible minimum: it shows the top and leaves the rest to scroll', () => {
    // A nine-layer CNN laid out top to bottom: 200 wide, 9 rows of 150.
    const bounds = { x: -50, y: 10, width: 200, height: 1350 };
    const v = fitViewport(bounds, view, { padding: 20 });
    expect(v.zoom).toBe(MIN_FIT_ZOOM);
    expect(bounds.y * v.zoom + v.y).toBe(20);
    // Still centred across, where it fits.
    expect((bounds.x + bounds.width / 2) * v.zoom + v.x).toBeCloseTo(400);
  });

  it('zooms out as far as needed while that stays legible', () => {
    const v = fitViewport({ x: 0, y: 0, width: 1000, height: 300 }, view, { padding: 0 });
    expect(v.zoom).toBeCloseTo(0.8);
  });
});

describe('viewport helpers', () => {
  it('tells whether a card is wholly in view, and centres on one', () => {
    const card = { x: 1000, y: 0, width: 200, height: 90 };
    expect(isInView(card, { x: 0, y: 0, zoom: 1 }, view)).toBe(false);
    const centred = centredOn(card, 1, view);
    expect(isInView(card, centred, view)).toBe(true);
    expect(centred.zoom).toBe(1);
  });

  it('keeps the centre in place when the view is resized', () => {
    const before = { x: 10, y: 20, zoom: 1.5 };
    const after = keepCentre(before, { width: 800, height: 600 }, { width: 800, height: 400 });
    expect(after).toEqual({ x: 10, y: -80, zoom: 1.5 });
  });

  it('bounds rectangles', () => {
    expect(boundsOfRects([])).toBeNull();
    expect(
      boundsOfRects([
        { x: 0, y: 0, width: 10, height: 10 },
        { x: 20, y: -5, width: 10, height: 10 },
      ]),
    ).toEqual({ x: 0, y: -5, width: 30, height: 15 });
  });
});
