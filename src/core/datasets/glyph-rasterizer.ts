/**
 * A small anti-aliased rasterizer for glyph outlines: the outline is flattened to polygons, filled with the nonzero
 * winding rule on a supersampled grid, optionally thickened or thinned there (stroke weight), then box-averaged down
 * to 0..255 coverage. Plain double arithmetic on plain arrays, no canvas or native code, so the output is the same on
 * every machine (the shipped file's hash test relies on that).
 */

/** One outline command in pixel coordinates, y pointing down (opentype.js `Path.commands`). */
export type OutlineCommand =
  | { type: 'M' | 'L'; x: number; y: number }
  | { type: 'Q'; x1: number; y1: number; x: number; y: number }
  | { type: 'C'; x1: number; y1: number; x2: number; y2: number; x: number; y: number }
  | { type: 'Z' };

/** Closed polygons as flat [x0, y0, x1, y1, ...] lists. */
export type Polygons = number[][];

const CURVE_STEPS = 8;

export function flattenOutline(commands: readonly OutlineCommand[]): Polygons {
  const polygons: Polygons = [];
  let current: number[] = [];
  let px = 0;
  let py = 0;
  const close = (): void => {
    if (current.length >= 6) polygons.push(current);
    current = [];
  };
  for (const c of commands) {
    switch (c.type) {
      case 'M':
        close();
        current.push(c.x, c.y);
        break;
      case 'L':
        current.push(c.x, c.y);
        break;
      case 'Q':
        for (let s = 1; s <= CURVE_STEPS; s++) {
          const t = s / CURVE_STEPS;
          const u = 1 - t;
          current.push(u * u * px + 2 * u * t * c.x1 + t * t * c.x, u * u * py + 2 * u * t * c.y1 + t * t * c.y);
        }
        break;
      case 'C':
        for (let s = 1; s <= CURVE_STEPS; s++) {
          const t = s / CURVE_STEPS;
          const u = 1 - t;
          const a = u * u * u;
          const b = 3 * u * u * t;
          const d = 3 * u * t * t;
          const e = t * t * t;
          current.push(a * px + b * c.x1 + d * c.x2 + e * c.x, a * py + b * c.y1 + d * c.y2 + e * c.y);
        }
        break;
      case 'Z':
        close();
        continue;
    }
    px = c.x;
    py = c.y;
  }
  close();
  return polygons;
}

/** Applies x' = a·x + b·y + tx, y' = c·x + d·y + ty to every point. */
export function transformPolygons(
  polygons: Polygons,
  m: { a: number; b: number; c: number; d: number; tx: number; ty: number },
): Polygons {
  return polygons.map((poly) => {
    const out = new Array<number>(poly.length);
    for (let i = 0; i < poly.length; i += 2) {
      out[i] = m.a * poly[i] + m.b * poly[i + 1] + m.tx;
      out[i + 1] = m.c * poly[i] + m.d * poly[i + 1] + m.ty;
    }
    return out;
  });
}

export function polygonBounds(polygons: Polygons): { x1: number; y1: number; x2: number; y2: number } {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const poly of polygons) {
    for (let i = 0; i < poly.length; i += 2) {
      x1 = Math.min(x1, poly[i]);
      x2 = Math.max(x2, poly[i]);
      y1 = Math.min(y1, poly[i + 1]);
      y2 = Math.max(y2, poly[i + 1]);
    }
  }
  return { x1, y1, x2, y2 };
}

/**
 * Fills polygons (pixel coordinates) into a width×height mask sampled `ss`×`ss` times per pixel, nonzero rule.
 * Returns the supersampled mask (1 = ink), (width·ss)×(height·ss), row-major.
 */
export function fillSupersampled(polygons: Polygons, width: number, height: number, ss: number): Uint8Array {
  const sw = width * ss;
  const sh = height * ss;
  const mask = new Uint8Array(sw * sh);
  const crossings: { x: number; w: number }[] = [];
  for (let row = 0; row < sh; row++) {
    const y = (row + 0.5) / ss;
    crossings.length = 0;
    for (const poly of polygons) {
      const n = poly.length;
      for (let i = 0; i < n; i += 2) {
        const x0 = poly[i];
        const y0 = poly[i + 1];
        const j = (i + 2) % n;
        const x1 = poly[j];
        const y1 = poly[j + 1];
        if (y0 === y1) continue;
        // Half-open interval [min, max) so a vertex shared by two edges counts once.
        if ((y0 <= y && y < y1) || (y1 <= y && y < y0)) {
          const x = x0 + ((y - y0) * (x1 - x0)) / (y1 - y0);
          crossings.push({ x, w: y1 > y0 ? 1 : -1 });
        }
      }
    }
    if (crossings.length === 0) continue;
    crossings.sort((p, q) => p.x - q.x);
    let winding = 0;
    for (let k = 0; k < crossings.length - 1; k++) {
      winding += crossings[k].w;
      if (winding === 0) continue;
      // Sample columns whose centres lie in [x_k, x_{k+1}).
      const from = Math.max(0, Math.ceil(crossings[k].x * ss - 0.5));
      const to = Math.min(sw - 1, Math.ceil(crossings[k + 1].x * ss - 0.5) - 1);
      for (let col = from; col <= to; col++) mask[row * sw + col] = 1;
    }
  }
  return mask;
}

/** Grows (radius > 0) or shrinks (radius < 0) the ink by |radius| samples with a disc-shaped structuring element. */
export function morphMask(mask: Uint8Array, sw: number, sh: number, radius: number): Uint8Array {
  if (radius === 0) return mask;
  const r = Math.abs(radius);
  const grow = radius > 0;
  const out = new Uint8Array(mask.length);
  const offsets: [number, number][] = [];
  for (let dy = -r; dy <= r; dy++)
    for (let dx = -r; dx <= r; dx++) if (dx * dx + dy * dy <= r * r + r) offsets.push([dx, dy]);
  for (let y = 0; y < sh; y++) {
    for (let x = 0; x < sw; x++) {
      let hit = !grow;
      for (const [dx, dy] of offsets) {
        const xx = x + dx;
        const yy = y + dy;
        const v = xx >= 0 && yy >= 0 && xx < sw && yy < sh ? mask[yy * sw + xx] : 0;
        if (grow && v) {
          hit = true;
          break;
        }
        if (!grow && !v) {
          hit = false;
          break;
        }
      }
      out[y * sw + x] = hit ? 1 : 0;
    }
  }
  return out;
}

/** Averages ss×ss blocks of the mask into 0..255 pixels (ink = 255). */
export function downsampleMask(mask: Uint8Array, width: number, height: number, ss: number): Uint8Array {
  const sw = width * ss;
  const pixels = new Uint8Array(width * height);
  const full = ss * ss;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let dy = 0; dy < ss; dy++) {
        const base = (y * ss + dy) * sw + x * ss;
        for (let dx = 0; dx < ss; dx++) sum += mask[base + dx];
      }
      pixels[y * width + x] = Math.round((255 * sum) / full);
    }
  }
  return pixels;
}
