import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { describeOnThreads } from './describe-on-threads';
import { relativeError, runBoth, seededValues } from './stock-comparison';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A random NHWC convolution that tfjs accepts: taps no larger than the input, so 'valid' has output. */
const arbConv = fc
  .record({
    batch: fc.integer({ min: 1, max: 3 }),
    inHeight: fc.integer({ min: 1, max: 9 }),
    inWidth: fc.integer({ min: 1, max: 9 }),
    inChannels: fc.integer({ min: 1, max: 4 }),
    // 4, 8 and 12 take the direct loops, every other count im2col + GEMM (ragged against its 4×8 tile)
    outChannels: fc.constantFrom(1, 2, 3, 4, 5, 7, 8, 12, 16, 18),
    filterHeight: fc.integer({ min: 1, max: 5 }),
    filterWidth: fc.integer({ min: 1, max: 5 }),
    strideHeight: fc.integer({ min: 1, max: 3 }),
    strideWidth: fc.integer({ min: 1, max: 3 }),
    pad: fc.constantFrom<'same' | 'valid'>('same', 'valid'),
    seed: fc.integer({ min: 1, max: 1 << 30 }),
  })
  .map((c) => ({
    ...c,
    filterHeight: Math.min(c.filterHeight, c.inHeight),
    filterWidth: Math.min(c.filterWidth, c.inWidth),
  }));

type Conv = typeof arbConv extends fc.Arbitrary<infer T> ? T : never;

function tensors(c: Conv) {
  const xShape: [number, number, number, number] = [c.batch, c.inHeight, c.inWidth, c.inChannels];
  const wShape: [number, number, number, number] = [c.filterHeight, c.filterWidth, c.inChannels, c.outChannels];
  const strides: [number, number] = [c.strideHeight, c.strideWidth];
  const info = tf.backend_util.computeConv2DInfo(xShape, wShape, strides, 1, c.pad);
  const x = tf.tensor4d(seededValues(tf.util.sizeFromShape(xShape), c.seed), xShape);
  const w = tf.tensor4d(seededValues(tf.util.sizeFromShape(wShape), c.seed + 1), wShape);
  const dy = tf.tensor(seededValues(tf.util.sizeFromShape(info.outShape), c.seed + 2), info.outShape);
  return { x, w, dy, xShape, wShape, strides };
}

const RUNS = { seed: 20261127, numRuns: 60 };

describeOnThreads('fast Conv2D family matches stock', () => {
  it('Conv2D', () => {
    fc.assert(
      fc.property(arbConv, (c) => {
        const t = tensors(c);
        const r = runBoth(
          'Conv2D',
          { x: t.x, filter: t.w },
          { strides: t.strides, pad: c.pad, dataFormat: 'NHWC', dilations: [1, 1] },
        );
        tf.dispose([t.x, t.w, t.dy]);
        expect(r.fastShape).toEqual(r.stockShape);
        expect(relativeError(r.fast, r.stock)).toBeLessThanOrEqual(1e-4);
      }),
      RUNS,
    );
  });

  it('Conv2DBackpropFilter', () => {
    fc.assert(
      fc.property(arbConv, (c) => {
        const t = tensors(c);
        const r = runBoth(
          'Conv2DBackpropFilter',
          { x: t.x, dy: t.dy },
          { strides: t.strides, pad: c.pad, dataFormat: 'NHWC', filterShape: t.wShape },
        );
        tf.dispose([t.x, t.w, t.dy]);
        expect(r.fastShape).toEqual(r.stockShape);
        expect(relativeError(r.fast, r.stock)).toBeLessThanOrEqual(1e-4);
      }),
      RUNS,
    );
  });

  it('Conv2DBackpropInput', () => {
    fc.assert(
      fc.property(arbConv, (c) => {
        const t = tensors(c);
        const r = runBoth(
          'Conv2DBackpropInput',
          { dy: t.dy, filter: t.w },
          { strides: t.strides, pad: c.pad, dataFormat: 'NHWC', inputShape: t.xShape },
        );
        tf.dispose([t.x, t.w, t.dy]);
        expect(r.fastShape).toEqual(r.stockShape);
        expect(relativeError(r.fast, r.stock)).toBeLessThanOrEqual(1e-4);
      }),
      RUNS,
    );
  });

  it('Conv2DBackpropInput with unit strides (the rotated-filter path)', () => {
    fc.assert(
      fc.property(
        arbConv.map((c) => ({ ...c, strideHeight: 1, strideWidth: 1 })),
        (c) => {
          const t = tensors(c);
          const r = runBoth(
            'Conv2DBackpropInput',
            { dy: t.dy, filter: t.w },
            { strides: t.strides, pad: c.pad, dataFormat: 'NHWC', inputShape: t.xShape },
          );
          tf.dispose([t.x, t.w, t.dy]);
          expect(r.fastShape).toEqual(r.stockShape);
          expect(relativeError(r.fast, r.stock)).toBeLessThanOrEqual(1e-4);
        },
      ),
      RUNS,
    );
  });

  it('matches at the course CNN shape (batch 32, 36×36×1 → 4 filters 5×5 same)', () => {
    const c: Conv = {
      batch: 32,
      inHeight: 36,
      inWidth: 36,
      inChannels: 1,
      outChannels: 4,
      filterHeight: 5,
      filterWidth: 5,
      strideHeight: 1,
      strideWidth: 1,
      pad: 'same',
      seed: 7,
    };
    const t = tensors(c);
    const fwd = runBoth(
      'Conv2D',
      { x: t.x, filter: t.w },
      { strides: t.strides, pad: 'same', dataFormat: 'NHWC', dilations: [1, 1] },
    );
    const bpf = runBoth(
      'Conv2DBackpropFilter',
      { x: t.x, dy: t.dy },
      { strides: t.strides, pad: 'same', dataFormat: 'NHWC', filterShape: t.wShape },
    );
    tf.dispose([t.x, t.w, t.dy]);
    expect(relativeError(fwd.fast, fwd.stock)).toBeLessThanOrEqual(1e-4);
    expect(relativeError(bpf.fast, bpf.stock)).toBeLessThanOrEqual(1e-4);
  });

  it('falls back to stock for dilations, explicit dimRoundingMode and NCHW', () => {
    const x = tf.tensor4d(seededValues(2 * 7 * 7 * 2, 3), [2, 7, 7, 2]);
    const w = tf.tensor4d(seededValues(3 * 3 * 2 * 3, 4), [3, 3, 2, 3]);
    const dilated = runBoth(
      'Conv2D',
      { x, filter: w },
      { strides: [1, 1], pad: 'same', dataFormat: 'NHWC', dilations: [2, 2] },
    );
    expect(Array.from(dilated.fast)).toEqual(Array.from(dilated.stock));
    const rounded = runBoth(
      'Conv2D',
      { x, filter: w },
      { strides: [2, 2], pad: 1, dataFormat: 'NHWC', dilations: [1, 1], dimRoundingMode: 'floor' },
    );
    expect(Array.from(rounded.fast)).toEqual(Array.from(rounded.stock));
    tf.dispose([x, w]);
  });
});
