import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBoth, seededValues } from './stock-comparison';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const arbShape = fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 0, maxLength: 4 });
const RUNS = { seed: 99, numRuns: 50 };

/** b's shape as training produces it: the same, a trailing suffix (bias), a scalar, or with size-1 dims. */
const arbPair = fc
  .tuple(arbShape, fc.constantFrom('same', 'suffix', 'scalar', 'ones', 'swap'), fc.integer({ min: 1, max: 1 << 30 }))
  .map(([shape, kind, seed]) => {
    let other: number[] = shape;
    if (kind === 'suffix') other = shape.slice(Math.floor(shape.length / 2));
    if (kind === 'scalar') other = [];
    if (kind === 'ones') other = shape.map((d, i) => (i % 2 === 0 ? 1 : d));
    return kind === 'swap' ? { aShape: shape.slice(1), bShape: shape, seed } : { aShape: shape, bShape: other, seed };
  });

describe('fast element-wise kernels equal stock bit for bit', () => {
  for (const name of ['Add', 'Sub', 'Multiply', 'RealDiv']) {
    it(name, () => {
      fc.assert(
        fc.property(arbPair, ({ aShape, bShape, seed }) => {
          const a = tf.tensor(seededValues(tf.util.sizeFromShape(aShape), seed), aShape);
          const b = tf.tensor(seededValues(tf.util.sizeFromShape(bShape), seed + 1), bShape);
          const r = runBoth(name, { a, b });
          tf.dispose([a, b]);
          expect(r.fastShape).toEqual(r.stockShape);
          expect(Array.from(r.fast)).toEqual(Array.from(r.stock));
        }),
        RUNS,
      );
    });
  }

  const unary: [string, Record<string, number>][] = [
    ['Relu', {}],
    ['Relu6', {}],
    ['Sigmoid', {}],
    ['Sqrt', {}],
    ['Square', {}],
    ['Exp', {}],
    ['Log', {}],
    ['Neg', {}],
    ['Step', { alpha: 0 }],
    ['Step', { alpha: 0.25 }],
    ['Elu', {}],
    ['LeakyRelu', { alpha: 0.2 }],
  ];
  for (const [name, attrs] of unary) {
    it(`${name} ${JSON.stringify(attrs)} (with NaN, ±Infinity, ±0)`, () => {
      const values = [...seededValues(60, 5).map((v) => v * 10), NaN, Infinity, -Infinity, 0, -0, 6, 7];
      const x = tf.tensor2d(values, [1, values.length]);
      const r = runBoth(name, { x }, attrs);
      x.dispose();
      expect(Array.from(r.fast)).toEqual(Array.from(r.stock));
    });
  }

  it('Sum over any axes, keepDims or not', () => {
    const arb = fc.record({
      shape: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 4 }),
      axisSeed: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
      keepDims: fc.boolean(),
      seed: fc.integer({ min: 1, max: 1 << 30 }),
    });
    fc.assert(
      fc.property(arb, ({ shape, axisSeed, keepDims, seed }) => {
        const axis = shape.map((_, i) => i).filter((i) => axisSeed[i]);
        const x = tf.tensor(seededValues(tf.util.sizeFromShape(shape), seed), shape);
        const r = runBoth('Sum', { x }, { axis, keepDims });
        x.dispose();
        expect(r.fastShape).toEqual(r.stockShape);
        expect(Array.from(r.fast)).toEqual(Array.from(r.stock));
      }),
      RUNS,
    );
  });

  it('GatherV2 along any axis, float32 and int32', () => {
    const arb = fc.record({
      shape: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 3 }),
      axisPick: fc.nat(),
      indices: fc.array(fc.nat(), { minLength: 0, maxLength: 7 }),
      int: fc.boolean(),
      seed: fc.integer({ min: 1, max: 1 << 30 }),
    });
    fc.assert(
      fc.property(arb, ({ shape, axisPick, indices, int, seed }) => {
        const axis = axisPick % shape.length;
        const values = seededValues(tf.util.sizeFromShape(shape), seed).map((v) => (int ? Math.round(v * 100) : v));
        const x = tf.tensor(values, shape, int ? 'int32' : 'float32');
        const idx = tf.tensor1d(
          indices.map((i) => i % shape[axis]),
          'int32',
        );
        const r = runBoth('GatherV2', { x, indices: idx }, { axis, batchDims: 0 });
        tf.dispose([x, idx]);
        expect(r.fastShape).toEqual(r.stockShape);
        expect(Array.from(r.fast)).toEqual(Array.from(r.stock));
      }),
      RUNS,
    );
  });

  it('GatherV2 with an out-of-range index still raises the stock error', async () => {
    const { registerFastCpuKernels, unregisterFastCpuKernels } = await import('./registry');
    registerFastCpuKernels();
    const x = tf.tensor2d([1, 2, 3, 4], [2, 2]);
    const idx = tf.tensor1d([5], 'int32');
    expect(() => tf.gather(x, idx)).toThrow(/index value 5 is not in \[0, 1\]/);
    tf.dispose([x, idx]);
    unregisterFastCpuKernels();
  });
});
