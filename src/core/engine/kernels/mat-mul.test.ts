import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { describeOnThreads } from './describe-on-threads';
import { relativeError, runBoth, seededValues } from './stock-comparison';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const arbMatMul = fc.record({
  batchA: fc.constantFrom(1, 2, 3),
  batchB: fc.constantFrom(1, 3),
  M: fc.integer({ min: 1, max: 40 }),
  K: fc.integer({ min: 1, max: 150 }),
  // ragged against the GEMM's 4×8 register tile on both sides
  N: fc.integer({ min: 1, max: 70 }),
  transposeA: fc.boolean(),
  transposeB: fc.boolean(),
  seed: fc.integer({ min: 1, max: 1 << 30 }),
});

type MatMul = typeof arbMatMul extends fc.Arbitrary<infer T> ? T : never;

function operands(c: MatMul, rank3: boolean) {
  // broadcasting batch dims need one side to be 1 when they differ
  const batchA = c.batchA === c.batchB || c.batchB === 1 ? c.batchA : 1;
  const aDims = c.transposeA ? [c.K, c.M] : [c.M, c.K];
  const bDims = c.transposeB ? [c.N, c.K] : [c.K, c.N];
  const aShape = rank3 ? [batchA, ...aDims] : aDims;
  const bShape = rank3 ? [c.batchB, ...bDims] : bDims;
  const a = tf.tensor(seededValues(tf.util.sizeFromShape(aShape), c.seed), aShape);
  const b = tf.tensor(seededValues(tf.util.sizeFromShape(bShape), c.seed + 1), bShape);
  return { a, b };
}

const RUNS = { seed: 1234, numRuns: 60 };

describeOnThreads('fast matrix products match stock', () => {
  it('BatchMatMul (transposes, batch broadcasting)', () => {
    fc.assert(
      fc.property(arbMatMul, (c) => {
        const { a, b } = operands(c, true);
        const r = runBoth('BatchMatMul', { a, b }, { transposeA: c.transposeA, transposeB: c.transposeB });
        tf.dispose([a, b]);
        expect(r.fastShape).toEqual(r.stockShape);
        expect(relativeError(r.fast, r.stock)).toBeLessThanOrEqual(1e-4);
      }),
      RUNS,
    );
  });

  it('BatchMatMul across every GEMM block boundary (rows 128, columns 512, depth 256)', () => {
    for (const [transposeA, transposeB] of [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ]) {
      const c: MatMul = { batchA: 1, batchB: 1, M: 131, N: 517, K: 259, transposeA, transposeB, seed: 99 };
      const { a, b } = operands(c, false);
      const r = runBoth('BatchMatMul', { a, b }, { transposeA, transposeB });
      tf.dispose([a, b]);
      expect(r.fastShape).toEqual(r.stockShape);
      expect(relativeError(r.fast, r.stock)).toBeLessThanOrEqual(1e-4);
    }
  });

  const activations = ['linear', 'relu', 'relu6', 'elu', 'sigmoid', 'leakyrelu', 'prelu'] as const;
  it('_FusedMatMul with bias and every fused activation', () => {
    fc.assert(
      fc.property(
        arbMatMul,
        fc.constantFrom(...activations),
        fc.boolean(),
        fc.boolean(),
        (c, activation, withBias, scalarBias) => {
          const { a, b } = operands(c, false);
          const bias = withBias ? tf.tensor1d(seededValues(scalarBias ? 1 : c.N, c.seed + 2)) : undefined;
          const alpha = activation === 'prelu' ? tf.tensor1d(seededValues(c.N, c.seed + 3)) : undefined;
          const inputs: tf.NamedTensorMap = { a, b };
          if (bias) inputs.bias = bias;
          if (alpha) inputs.preluActivationWeights = alpha;
          const r = runBoth('_FusedMatMul', inputs, {
            transposeA: c.transposeA,
            transposeB: c.transposeB,
            activation,
            leakyreluAlpha: 0.3,
          });
          tf.dispose([a, b, bias, alpha].filter((t): t is tf.Tensor => t != null));
          expect(r.fastShape).toEqual(r.stockShape);
          expect(relativeError(r.fast, r.stock)).toBeLessThanOrEqual(1e-4);
        },
      ),
      RUNS,
    );
  });

  it('at the dense layers of the course models', () => {
    for (const [M, K, N] of [
      [32, 1296, 128],
      [32, 1296, 32],
      [32, 128, 32],
      [32, 32, 5],
    ]) {
      const a = tf.tensor2d(seededValues(M * K, 11), [M, K]);
      const b = tf.tensor2d(seededValues(K * N, 12), [K, N]);
      const dy = tf.tensor2d(seededValues(M * N, 13), [M, N]);
      const forward = runBoth('BatchMatMul', { a, b }, { transposeA: false, transposeB: false });
      const dW = runBoth('BatchMatMul', { a, b: dy }, { transposeA: true, transposeB: false });
      const dx = runBoth('BatchMatMul', { a: dy, b }, { transposeA: false, transposeB: true });
      tf.dispose([a, b, dy]);
      for (const r of [forward, dW, dx]) expect(relativeError(r.fast, r.stock)).toBeLessThanOrEqual(1e-4);
    }
  });

  it('leaves a bias that is not per-column to the stock kernel', () => {
    const a = tf.tensor2d(seededValues(6, 1), [2, 3]);
    const b = tf.tensor2d(seededValues(12, 2), [3, 4]);
    const bias = tf.tensor2d(seededValues(8, 3), [2, 4]);
    const r = runBoth('_FusedMatMul', { a, b, bias }, { transposeA: false, transposeB: false, activation: 'relu' });
    tf.dispose([a, b, bias]);
    expect(relativeError(r.fast, r.stock)).toBe(0);
  });
});
