import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { seededValues } from './stock-comparison';

/** A random NHWC convolution that tfjs accepts: taps no larger than the input, so 'valid' has output. */
export const arbConv = fc
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
    outChannels: c.outChannels as number,
    filterHeight: Math.min(c.filterHeight, c.inHeight),
    filterWidth: Math.min(c.filterWidth, c.inWidth),
  }));

export type Conv = typeof arbConv extends fc.Arbitrary<infer T> ? T : never;

/** Seeded input, filter and output-shaped gradient tensors for a convolution. */
export function convTensors(c: Conv) {
  const xShape: [number, number, number, number] = [c.batch, c.inHeight, c.inWidth, c.inChannels];
  const wShape: [number, number, number, number] = [c.filterHeight, c.filterWidth, c.inChannels, c.outChannels];
  const strides: [number, number] = [c.strideHeight, c.strideWidth];
  const info = tf.backend_util.computeConv2DInfo(xShape, wShape, strides, 1, c.pad);
  const x = tf.tensor4d(seededValues(tf.util.sizeFromShape(xShape), c.seed), xShape);
  const w = tf.tensor4d(seededValues(tf.util.sizeFromShape(wShape), c.seed + 1), wShape);
  const dy = tf.tensor(seededValues(tf.util.sizeFromShape(info.outShape), c.seed + 2), info.outShape);
  return { x, w, dy, xShape, wShape, strides };
}
