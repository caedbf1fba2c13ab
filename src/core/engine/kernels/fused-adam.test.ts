import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnThreads } from './describe-on-threads';
import { FusedAdamOptimizer } from './fused-adam';
import { registerFastCpuKernels, unregisterFastCpuKernels } from './registry';
import { seededValues } from './stock-comparison';

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerFastCpuKernels();
});
afterAll(() => unregisterFastCpuKernels());

/** Trains `shapes`-shaped variables for `steps` steps on seeded gradients; returns weights and both moments. */
async function train(optimizer: tf.Optimizer, shapes: number[][], steps: number, seed: number): Promise<number[][]> {
  const vars = shapes.map((shape, i) =>
    tf.variable(
      tf.tensor(seededValues(tf.util.sizeFromShape(shape), seed + i), shape),
      true,
      `w${seed}-${i}-${Math.random()}`,
    ),
  );
  for (let s = 0; s < steps; s++) {
    const grads = Object.fromEntries(
      vars.map((v, i) => [v.name, tf.tensor(seededValues(v.size, seed * 31 + s * 7 + i), v.shape)]),
    );
    optimizer.applyGradients(grads);
    tf.dispose(Object.values(grads));
  }
  const slots = await optimizer.getWeights();
  const out = [
    ...vars.map((v) => Array.from(v.dataSync())),
    ...slots.slice(1).map((w) => Array.from(w.tensor.dataSync())),
  ];
  tf.dispose(vars);
  optimizer.dispose();
  return out;
}

describeOnThreads('FusedAdamOptimizer', () => {
  it('updates weights and moments exactly like stock Adam, bit for bit', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 3 }), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.constantFrom(0.001, 0.003, 0.1),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 1000 }),
        async (shapes, lr, steps, seed) => {
          const fused = await train(new FusedAdamOptimizer(lr, 0.9, 0.999), shapes, steps, seed);
          const stock = await train(tf.train.adam(lr), shapes, steps, seed);
          expect(fused).toEqual(stock);
        },
      ),
      { seed: 77, numRuns: 40 },
    );
  });

  it('is stock Adam when the fast kernels are off (cpu-stock)', async () => {
    unregisterFastCpuKernels();
    try {
      const fused = await train(new FusedAdamOptimizer(0.01, 0.9, 0.999), [[1296, 3]], 2, 5);
      const stock = await train(tf.train.adam(0.01), [[1296, 3]], 2, 5);
      expect(fused).toEqual(stock);
    } finally {
      registerFastCpuKernels();
    }
  });
});
