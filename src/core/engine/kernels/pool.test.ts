import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { describeOnThreads } from './describe-on-threads';
import { relativeError, runBoth, seededValues } from './stock-comparison';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const arbPool = fc
  .record({
    batch: fc.integer({ min: 1, max: 3 }),
    inHeight: fc.integer({ min: 1, max: 9 }),
    inWidth: fc.integer({ min: 1, max: 9 }),
    channels: fc.integer({ min: 1, max: 5 }),
    filterHeight: fc.integer({ min: 1, max: 4 }),
    filterWidth: fc.integer({ min: 1, max: 4 }),
    strideHeight: fc.integer({ min: 1, max: 3 }),
    strideWidth: fc.integer({ min: 1, max: 3 }),
    pad: fc.constantFrom<'same' | 'valid'>('same', 'valid'),
    // few distinct values → many ties inside a window, the case where MaxPoolGrad's routing rule matters
    ties: fc.boolean(),
    seed: fc.integer({ min: 1, max: 1 << 30 }),
  })
  .map((c) => ({
    ...c,
    filterHeight: Math.min(c.filterHeight, c.inHeight),
    filterWidth: Math.min(c.filterWidth, c.inWidth),
  }));

type Pool = typeof arbPool extends fc.Arbitrary<infer T> ? T : never;

function setup(c: Pool) {
  const xShape: [number, number, number, number] = [c.batch, c.inHeight, c.inWidth, c.channels];
  const filterSize: [number, number] = [c.filterHeight, c.filterWidth];
  const strides: [number, number] = [c.strideHeight, c.strideWidth];
  const info = tf.backend_util.computePool2DInfo(xShape, filterSize, strides, 1, c.pad);
  const x = tf.tensor4d(seededValues(tf.util.sizeFromShape(xShape), c.seed, c.ties ? [0, 1, 2] : undefined), xShape);
  const dy = tf.tensor(seededValues(tf.util.sizeFromShape(info.outShape), c.seed + 1), info.outShape);
  const attrs = { filterSize, strides, pad: c.pad };
  return { x, dy, attrs };
}

const RUNS = { seed: 424242, numRuns: 80 };

describeOnThreads('fast pooling kernels match stock', () => {
  for (const kind of ['MaxPool', 'AvgPool'] as const) {
    it(kind, () => {
      fc.assert(
        fc.property(arbPool, (c) => {
          const { x, dy, attrs } = setup(c);
          const r = runBoth(kind, { x }, attrs);
          tf.dispose([x, dy]);
          expect(r.fastShape).toEqual(r.stockShape);
          expect(relativeError(r.fast, r.stock)).toBeLessThanOrEqual(1e-6);
        }),
        RUNS,
      );
    });
  }

  it('MaxPoolGrad routes every gradient, ties included, exactly as stock (bit for bit)', () => {
    fc.assert(
      fc.property(arbPool, (c) => {
        const { x, dy, attrs } = setup(c);
        const y = tf.maxPool(x, attrs.filterSize, attrs.strides, attrs.pad);
        const r = runBoth('MaxPoolGrad', { dy, input: x, output: y }, attrs);
        tf.dispose([x, dy, y]);
        expect(r.fastShape).toEqual(r.stockShape);
        expect(Array.from(r.fast)).toEqual(Array.from(r.stock));
      }),
      RUNS,
    );
  });

  it('AvgPoolGrad', () => {
    fc.assert(
      fc.property(arbPool, (c) => {
        const { x, dy, attrs } = setup(c);
        const r = runBoth('AvgPoolGrad', { dy, input: x }, attrs);
        tf.dispose([x, dy]);
        expect(r.fastShape).toEqual(r.stockShape);
        expect(relativeError(r.fast, r.stock)).toBeLessThanOrEqual(1e-6);
      }),
      RUNS,
    );
  });

  it('MaxPoolGrad with NaN and -Infinity windows matches stock', () => {
    const x = tf.tensor4d([NaN, NaN, NaN, NaN, -Infinity, -Infinity, 1, 1], [1, 2, 4, 1]);
    const dy = tf.tensor4d([1, 2], [1, 1, 2, 1]);
    const y = tf.maxPool(x, 2, 2, 'valid');
    const r = runBoth(
      'MaxPoolGrad',
      { dy, input: x, output: y },
      { filterSize: [2, 2], strides: [2, 2], pad: 'valid' },
    );
    tf.dispose([x, dy, y]);
    expect(Array.from(r.fast)).toEqual(Array.from(r.stock));
  });

  it('MaxPool and MaxPoolGrad with NaN, −∞ and ties in the 4-channel SIMD lanes match stock', () => {
    // one 2×2 window, channels: all NaN | all −∞ | tied maxima | NaN beside values | ragged 5th channel
    const taps = [
      [NaN, -Infinity, 3, NaN, 2],
      [NaN, -Infinity, 1, 5, 2],
      [NaN, -Infinity, 3, NaN, 7],
      [NaN, -Infinity, 3, 4, 7],
    ];
    const x = tf.tensor4d(taps.flat(), [1, 2, 2, 5]);
    const dy = tf.tensor4d([1, 2, 3, 4, 5], [1, 1, 1, 5]);
    const y = tf.maxPool(x, 2, 2, 'valid');
    const attrs = { filterSize: [2, 2], strides: [2, 2], pad: 'valid' };
    const forward = runBoth('MaxPool', { x }, attrs);
    const backward = runBoth('MaxPoolGrad', { dy, input: x, output: y }, attrs);
    tf.dispose([x, dy, y]);
    expect(Array.from(forward.fast)).toEqual(Array.from(forward.stock));
    expect(Array.from(backward.fast)).toEqual(Array.from(backward.stock));
  });
});
