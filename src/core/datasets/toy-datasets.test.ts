import { describe, expect, it } from 'vitest';
import { DatasetError } from './dataset-error';
import { generateToyDataset, resolveToyParams, TOY_DATASET_IDS } from './toy-datasets';

describe('2-D classroom sets', () => {
  it.each(TOY_DATASET_IDS)('%s: seeded, balanced, in about [-1, 1]', (id) => {
    const params = resolveToyParams(id, { size: 300, seed: 7 });
    const a = generateToyDataset(id, params);
    const b = generateToyDataset(id, params);
    expect(a.x).toEqual(b.x);
    expect(a.x.length).toBe(600);
    const other = generateToyDataset(id, { ...params, seed: 8 });
    expect(other.x).not.toEqual(a.x);
    const counts = new Array(a.classNames.length).fill(0);
    for (const label of a.labels) counts[label]++;
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    for (const v of a.x) expect(Math.abs(v)).toBeLessThan(1.6);
  });

  it('places circles inside and outside without noise', () => {
    const { x, labels } = generateToyDataset('circles', resolveToyParams('circles', { noise: 0 }));
    for (let i = 0; i < labels.length; i++) {
      const r = Math.hypot(x[2 * i], x[2 * i + 1]);
      if (labels[i] === 0) expect(r).toBeLessThanOrEqual(0.45);
      else expect(r).toBeGreaterThanOrEqual(0.65);
    }
  });

  it('labels xor by the sign of x·y without noise', () => {
    const { x, labels } = generateToyDataset('xor', resolveToyParams('xor', { noise: 0 }));
    for (let i = 0; i < labels.length; i++) expect(labels[i]).toBe(x[2 * i] * x[2 * i + 1] > 0 ? 0 : 1);
  });

  it('lets spiral and blobs choose their class count', () => {
    const spiral = generateToyDataset('spiral', resolveToyParams('spiral', { classes: 4, size: 100 }));
    expect(spiral.classNames).toEqual(['arm 1', 'arm 2', 'arm 3', 'arm 4']);
    expect(Math.max(...spiral.labels)).toBe(3);
    expect(resolveToyParams('blobs', {}).classes).toBe(3);
  });

  it('rejects unknown and out-of-range parameters by name', () => {
    expect(() => resolveToyParams('xor', { classes: 3 })).toThrow(/"xor": unknown parameter "classes"/);
    expect(() => resolveToyParams('moons', { size: -5 })).toThrow(/parameter "size" must be an integer/);
    expect(() => resolveToyParams('blobs', { noise: 'lots' })).toThrow(DatasetError);
  });
});
