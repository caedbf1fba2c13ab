import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { arbConv, convTensors as tensors, type Conv } from './conv-arbitrary';
import { describeOnThreads } from './describe-on-threads';
import { relativeError, runBoth, seededValues } from './stock-comparison';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

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
