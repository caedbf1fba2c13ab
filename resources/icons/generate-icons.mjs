// Draws LayerLab's app icon (a tiny three-layer network on a rounded square) with pngjs, so the icon is
// reproducible from source: `node resources/icons/generate-icons.mjs`. Writes icon.png (512×512, what
// electron-builder converts to .icns/.ico) and 256x256.png for Linux desktops.
import { PNG } from 'pngjs';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

function draw(size) {
  const png = new PNG({ width: size, height: size });
  const s = size / 512;
  const bg = [0x1e, 0x29, 0x3b];
  const edge = [0x64, 0x74, 0x8b];
  const colors = [
    [0x38, 0xbd, 0xf8],
    [0xa7, 0x8b, 0xfa],
    [0xf4, 0x72, 0xb6],
  ];
  const layers = [
    [150, 256, 362].map((y) => [128, y]),
    [110, 200, 312, 402].map((y) => [256, y]),
    [200, 312].map((y) => [384, y]),
  ].map((layer) => layer.map(([x, y]) => [x * s, y * s]));

  // Supersampled coverage (4×4) gives smooth edges without a graphics library.
  const sub = 4;
  const radius = 96 * s;
  const insideSquare = (x, y) => {
    const m = 24 * s;
    const cx = Math.min(Math.max(x, m + radius), size - m - radius);
    const cy = Math.min(Math.max(y, m + radius), size - m - radius);
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2 && x >= m && y >= m && x <= size - m && y <= size - m;
  };
  const segDist = (px, py, [ax, ay], [bx, by]) => {
    const dx = bx - ax;
    const dy = by - ay;
    const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
    return Math.hypot(px - ax - t * dx, py - ay - t * dy);
  };
  const edges = [];
  for (let l = 0; l + 1 < layers.length; l++) for (const a of layers[l]) for (const b of layers[l + 1]) edges.push([a, b]);

  const colorAt = (x, y) => {
    if (!insideSquare(x, y)) return null;
    for (let l = 0; l < layers.length; l++) {
      for (const [cx, cy] of layers[l]) if ((x - cx) ** 2 + (y - cy) ** 2 <= (30 * s) ** 2) return colors[l];
    }
    for (const [a, b] of edges) if (segDist(x, y, a, b) <= 5 * s) return edge;
    return bg;
  };

  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < sub; sy++) {
        for (let sx = 0; sx < sub; sx++) {
          const c = colorAt(x + (sx + 0.5) / sub, y + (sy + 0.5) / sub);
          if (c) {
            r += c[0];
            g += c[1];
            b += c[2];
            a += 1;
          }
        }
      }
      const i = (y * size + x) * 4;
      png.data[i] = a ? Math.round(r / a) : 0;
      png.data[i + 1] = a ? Math.round(g / a) : 0;
      png.data[i + 2] = a ? Math.round(b / a) : 0;
      png.data[i + 3] = Math.round((255 * a) / (sub * sub));
    }
  }
  return PNG.sync.write(png);
}

writeFileSync(join(here, 'icon.png'), draw(512));
writeFileSync(join(here, '256x256.png'), draw(256));
console.log('wrote resources/icons/icon.png and 256x256.png');
