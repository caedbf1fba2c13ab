import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerFastCpuKernels, unregisterFastCpuKernels } from './registry';
import { seededValues } from './stock-comparison';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => unregisterFastCpuKernels());

const SPECIAL = [NaN, 0, -0, 1, -1, Infinity, -Infinity, 2.5e-39, -3];

/** d relu(x) / dx · dy through tfjs's autograd, with the fast kernels on or off. */
function reluGradient(x: tf.Tensor, dy: tf.Tensor, fast: boolean): number[] {
  if (fast) registerFastCpuKernels();
  else unregisterFastCpuKernels();
  const g = tf.grad((t: tf.Tensor) => tf.relu(t))(x, dy);
  const values = Array.from(g.dataSync());
  g.dispose();
  return values;
}

describe('the fused ReLU gradient', () => {
  it('equals stock Step + Multiply bit for bit, NaN, ±0, ±∞ and subnormals included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 1 << 30 }),
        fc.boolean(),
        (shape, seed, special) => {
          const n = tf.util.sizeFromShape(shape);
          const x = tf.tensor(seededValues(n, seed, special ? SPECIAL : undefined), shape);
          const dy = tf.tensor(seededValues(n, seed + 1, special ? SPECIAL : undefined), shape);
          const fast = reluGradient(x, dy, true);
          const stock = reluGradient(x, dy, false);
          tf.dispose([x, dy]);
          expect(fast.map((v) => (Object.is(v, -0) ? '-0' : v))).toEqual(
            stock.map((v) => (Object.is(v, -0) ? '-0' : v)),
          );
        },
      ),
      { seed: 4242, numRuns: 80 },
    );
  });

  it('is swapped out again with the fast kernels (cpu-stock trains with tfjs’s own gradient)', () => {
    unregisterFastCpuKernels();
    const stock = tf.getGradient('Relu');
    registerFastCpuKernels();
    expect(tf.getGradient('Relu')).not.toBe(stock);
    unregisterFastCpuKernels();
    expect(tf.getGradient('Relu')).toBe(stock);
  });
});
