import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fontsDatasetPath } from './builtin-fonts';
import { DatasetError } from './dataset-error';
import { FONT_FAMILIES, FONTS_PER_CLASS } from './font-families';
import { decodeImageSet, encodeImageSet } from './fonts-format';
import { DEFAULT_FONTS_OPTIONS, generateFontsDataset } from './fonts-generator';
import { listBuiltinDatasets, loadDataset, previewDataset } from './index';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('built-in fonts data set', () => {
  it('ships exactly what the generator produces (regenerate with scripts/generate-fonts-dataset.ts)', () => {
    const shipped = readFileSync(fontsDatasetPath());
    const fresh = encodeImageSet(generateFontsDataset(DEFAULT_FONTS_OPTIONS));
    expect(sha(fresh)).toBe(sha(shipped));
    expect(shipped.length).toBeLessThan(3 * 1024 ** 2);
  });

  it('loads fast: 2,790 36×36 images, 558 per class, scaled to [0, 1]', async () => {
    const started = performance.now();
    const data = await loadDataset({ kind: 'builtin', id: 'fonts' });
    const ms = performance.now() - started;
    // About 0.1 s on an idle 2-core machine; the bound is loose because tests share the CPU with other work.
    expect(ms).toBeLessThan(3000);
    expect(data.count).toBe(2790);
    expect(data.descriptor.inputShape).toEqual([36, 36, 1]);
    expect(data.descriptor.countsPerClass).toEqual(new Array(5).fill(FONTS_PER_CLASS));
    expect(data.descriptor.classNames).toEqual(FONT_FAMILIES.map((f) => f.className));
    expect(data.x.length).toBe(2790 * 1296);
    let max = 0;
    for (const v of data.x) max = Math.max(max, v);
    expect(max).toBe(1);
    // Every image has ink and background.
    for (let i = 0; i < data.count; i++) {
      const img = data.x.subarray(i * 1296, (i + 1) * 1296);
      const ink = img.reduce((a, v) => a + v, 0);
      expect(ink).toBeGreaterThan(5);
      expect(ink).toBeLessThan(900);
    }
    expect(listBuiltinDatasets().find((d) => d.id === 'fonts')).toEqual({
      ...data.descriptor,
      description: expect.any(String),
    });
  });

  it('previews a few samples per class as 0..255 pixels', async () => {
    const preview = await previewDataset({ kind: 'builtin', id: 'fonts' }, 3);
    expect(preview.samples).toHaveLength(15);
    expect(preview.samples.map((s) => s.classIndex)).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4]);
    for (const s of preview.samples) {
      expect([s.width, s.height, s.channels, s.pixels.length]).toEqual([36, 36, 1, 1296]);
      expect(s.pixels.every((p) => Number.isInteger(p) && p >= 0 && p <= 255)).toBe(true);
      expect(Math.max(...s.pixels)).toBe(255);
    }
  });

  it('regenerates the same bytes for the same seed and different ones for another', () => {
    const small = { ...DEFAULT_FONTS_OPTIONS, perClass: 4 };
    const a = generateFontsDataset(small);
    expect(generateFontsDataset(small).pixels).toEqual(a.pixels);
    expect(generateFontsDataset({ ...small, seed: small.seed + 1 }).pixels).not.toEqual(a.pixels);
  });

  it('rejects a corrupt image-set file, naming it', () => {
    const bytes = encodeImageSet(generateFontsDataset({ ...DEFAULT_FONTS_OPTIONS, perClass: 1 }));
    expect(() => decodeImageSet(bytes.subarray(0, bytes.length - 50), 'x.llds')).toThrow(
      /x\.llds: not a LayerLab image set/,
    );
    expect(() => decodeImageSet(new Uint8Array(20), 'y.llds')).toThrow(DatasetError);
  });
});
