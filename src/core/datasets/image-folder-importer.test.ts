import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDataset } from './load-dataset';
import { resizeArea } from './image-resize';

const root = mkdtempSync(join(tmpdir(), 'layerlab-img-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function png(width: number, height: number, rgba: (x: number, y: number) => [number, number, number, number]): Buffer {
  const image = new PNG({ width, height });
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) image.data.set(rgba(x, y), 4 * (y * width + x));
  return PNG.sync.write(image);
}

function jpg(width: number, height: number, gray: number): Buffer {
  const data = Buffer.alloc(width * height * 4, gray);
  return Buffer.from(jpeg.encode({ data, width, height }, 95).data);
}

function folder(name: string, classes: Record<string, Record<string, Buffer | string>>): string {
  const dir = join(root, name);
  for (const [cls, files] of Object.entries(classes)) {
    mkdirSync(join(dir, cls), { recursive: true });
    for (const [file, bytes] of Object.entries(files)) writeFileSync(join(dir, cls, file), bytes);
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

const load = (path: string, options?: Record<string, string | number | boolean>) =>
  loadDataset({ kind: 'file', path, ...(options ? { options } : {}) });

describe('image folder import', () => {
  it('reads class folders of PNG and JPEG, resized, grayscale by default', async () => {
    const dir = folder('ok', {
      dark: { 'a.png': png(20, 10, () => [0, 0, 0, 255]), 'b.jpg': jpg(8, 8, 10) },
      light: { 'c.png': png(5, 5, () => [255, 255, 255, 255]), '.DS_Store': 'junk' },
    });
    const data = await load(dir, { size: 4 });
    expect(data.descriptor.classNames).toEqual(['dark', 'light']);
    expect(data.descriptor.inputShape).toEqual([4, 4, 1]);
    expect(Array.from(data.labels)).toEqual([0, 0, 1]);
    expect(data.x.subarray(0, 16).every((v) => v === 0)).toBe(true);
    expect(data.x[16]).toBeCloseTo(10 / 255, 1);
    expect(data.x.subarray(32, 48).every((v) => Math.abs(v - 1) < 1e-6)).toBe(true);
  });

  it('keeps RGB when asked and composites transparency over white', async () => {
    const dir = folder('rgb', { red: { 'r.png': png(2, 2, (x) => (x === 0 ? [255, 0, 0, 255] : [0, 0, 0, 0])) } });
    const data = await load(dir, { size: 2, color: 'rgb' });
    expect(data.descriptor.inputShape).toEqual([2, 2, 3]);
    expect(Array.from(data.x.subarray(0, 6))).toEqual([1, 0, 0, 1, 1, 1]);
  });

  it('rejects an empty folder, an empty class and a non-image file, naming them', async () => {
    const empty = join(root, 'empty');
    mkdirSync(empty);
    await expect(load(empty)).rejects.toThrow(/empty: empty folder/);
    mkdirSync(join(root, 'noimg', 'a'), { recursive: true });
    await expect(load(join(root, 'noimg'))).rejects.toThrow(/noimg\/a: class folder "a" has no images/);
    const mixed = folder('mixed', { a: { 'x.png': png(2, 2, () => [0, 0, 0, 255]), 'notes.txt': 'hello' } });
    await expect(load(mixed)).rejects.toThrow(/mixed\/a\/notes\.txt: not an image/);
    const corrupt = folder('corrupt', { a: { 'x.png': 'not really a png' } });
    await expect(load(corrupt)).rejects.toThrow(/corrupt\/a\/x\.png: not a PNG or JPEG image/);
    const broken = png(4, 4, () => [1, 2, 3, 255]);
    const truncated = folder('truncated', { a: { 'x.png': broken.subarray(0, broken.length - 20) } });
    await expect(load(truncated)).rejects.toThrow(/truncated\/a\/x\.png: corrupt image/);
  });
});

describe('resizeArea', () => {
  it('averages areas when shrinking and keeps constant images constant', () => {
    const src = Float32Array.from([0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1]);
    expect(Array.from(resizeArea(src, 4, 4, 1, 2, 2))).toEqual([0.5, 0.5, 0.5, 0.5]);
    const out = resizeArea(new Float32Array(9 * 7).fill(0.25), 9, 7, 1, 4, 5);
    for (const v of out) expect(v).toBeCloseTo(0.25, 6);
    expect(Array.from(resizeArea(Float32Array.of(0, 1), 2, 1, 1, 4, 1))).toEqual([0, 0, 1, 1]);
  });
});
