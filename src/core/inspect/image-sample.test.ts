import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { bytesToBase64 } from '../../shared/base64';
import { VIEW_LIMITS } from '../../shared/views/view-queries';
import { importImageFolder } from '../datasets/image-folder-importer';
import { MemoryBudget } from '../datasets/memory-budget';
import { imageSample } from './image-sample';

const dir = mkdtempSync(join(tmpdir(), 'layerlab-image-sample-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A width × height PNG: a dark diagonal on white, half transparent in one corner. */
function png(width: number, height: number): Buffer {
  const image = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const ink = Math.abs(x - y) < 3 ? 20 : 240;
      image.data.set([ink, ink, (ink + x) % 256, x + y < 6 ? 128 : 255], i);
    }
  }
  return PNG.sync.write(image);
}

const upload = (name: string, bytes: Uint8Array, invert = false) => ({ name, base64: bytesToBase64(bytes), invert });

describe('a picture uploaded to try the model', () => {
  it('becomes exactly what the image-folder importer makes of the same file', async () => {
    const bytes = png(50, 40);
    mkdirSync(join(dir, 'set', 'a'), { recursive: true });
    writeFileSync(join(dir, 'set', 'a', 'one.png'), bytes);
    for (const [channels, color] of [
      [1, 'grayscale'],
      [3, 'rgb'],
    ] as const) {
      const ref = { kind: 'file', path: join(dir, 'set'), options: { size: 36, color } } as const;
      const imported = await importImageFolder(ref, MemoryBudget.fromMegabytes(undefined));
      expect(imageSample(upload('one.png', bytes), [36, 36, channels])).toEqual(imported.x);
    }
  });

  it('is inverted on request and put in the data set’s value range', () => {
    const bytes = png(36, 36);
    const plain = imageSample(upload('a.png', bytes), [36, 36, 1]);
    const inverted = imageSample(upload('a.png', bytes, true), [36, 36, 1]);
    inverted.forEach((v, i) => expect(v).toBeCloseTo(1 - plain[i], 6));
    const bytesRange = imageSample(upload('a.png', bytes), [36, 36, 1], [0, 255]);
    bytesRange.forEach((v, i) => expect(v).toBeCloseTo(plain[i] * 255, 3));
  });

  it('is refused with a message naming the file and the reason', () => {
    const text = new TextEncoder().encode('hello, this is not a picture');
    expect(() => imageSample(upload('notes.txt', text), [36, 36, 1])).toThrow('notes.txt: not a PNG or JPEG image.');
    const truncated = png(36, 36).subarray(0, 60);
    expect(() => imageSample(upload('cut.png', truncated), [36, 36, 1])).toThrow(/cut\.png: corrupt image/);

    // A header claiming 5000×5000 pixels is refused before anything is inflated.
    const huge = Buffer.from(png(4, 4));
    huge.writeUInt32BE(5000, 16);
    huge.writeUInt32BE(5000, 20);
    expect(() => imageSample(upload('huge.png', huge), [36, 36, 1])).toThrow(
      'huge.png: the picture is too large (5000×5000 pixels); at most 4096×4096 pixels are read.',
    );
    const big = { name: 'big.png', base64: 'A'.repeat(Math.ceil((VIEW_LIMITS.imageUploadBytes * 4) / 3) + 8) };
    expect(() => imageSample(big, [36, 36, 1])).toThrow(
      'big.png: the file is 20.0 MB; pictures up to 20.0 MB can be tried.',
    );

    const bytes = png(8, 8);
    expect(() => imageSample(upload('a.png', bytes), [36, 36, 2])).toThrow(
      "a.png: the model's input has 2 channels, but a picture gives 1 (grayscale) or 3 (RGB).",
    );
    expect(() => imageSample(upload('a.png', bytes), [2])).toThrow(/a\.png: this model takes \[2\], not pictures/);
  });
});
