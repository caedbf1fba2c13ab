import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courseCnn, courseMlp, syntheticImages, wideCnn } from './course-models';
import { FusedAdamOptimizer } from './fused-adam';
import { fuseLayers, registerFastCpuKernels, unregisterFastCpuKernels } from './index';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => unregisterFastCpuKernels());

async function epochLosses(
  build: () => tf.LayersModel,
  xs: tf.Tensor,
  ys: tf.Tensor,
  fast: boolean,
): Promise<number[]> {
  if (fast) registerFastCpuKernels();
  else unregisterFastCpuKernels();
  const model = build();
  if (fast) fuseLayers(model); // as the engine trains on the fast kernels
  // the optimizer the engine trains with: FusedAdamOptimizer's one-pass update under the fast kernels
  model.compile({ optimizer: new FusedAdamOptimizer(0.003, 0.9, 0.999), loss: 'categoricalCrossentropy' });
  const history = await model.fit(xs, ys, { epochs: 3, batchSize: 32, shuffle: false, verbose: 0 });
  model.dispose();
  return history.history.loss as number[];
}

describe('training with the fast kernels follows the stock kernels', () => {
  it('course CNN: per-epoch losses agree to 1e-3 (and the model learns)', async () => {
    const { xs, ys } = syntheticImages(64, 3);
    const fast = await epochLosses(() => courseCnn({ dropout: false, seed: 5 }), xs, ys, true);
    const stock = await epochLosses(() => courseCnn({ dropout: false, seed: 5 }), xs, ys, false);
    tf.dispose([xs, ys]);
    expect(fast).toHaveLength(3);
    for (let e = 0; e < 3; e++) expect(Math.abs(fast[e] - stock[e])).toBeLessThanOrEqual(1e-3);
    expect(fast[2]).toBeLessThan(fast[0]);
  }, 180_000); // the stock kernels' half takes most of it, over a minute on a loaded 2-core machine

  it('wide CNN (on 8×8 crops): per-epoch losses agree to 1e-3', async () => {
    const { xs: full, ys } = syntheticImages(32, 6);
    const xs = full.slice([0, 14, 14, 0], [32, 8, 8, 1]);
    const fast = await epochLosses(() => wideCnn({ dropout: false, seed: 3, size: 8 }), xs, ys, true);
    const stock = await epochLosses(() => wideCnn({ dropout: false, seed: 3, size: 8 }), xs, ys, false);
    tf.dispose([full, xs, ys]);
    for (let e = 0; e < 3; e++) expect(Math.abs(fast[e] - stock[e])).toBeLessThanOrEqual(1e-3);
  }, 180_000);

  it('feed-forward MLP: per-epoch losses agree to 1e-3', async () => {
    const { xs, ys } = syntheticImages(96, 4);
    const flat = xs.reshape([96, 1296]);
    const fast = await epochLosses(() => courseMlp({ seed: 8 }), flat, ys, true);
    const stock = await epochLosses(() => courseMlp({ seed: 8 }), flat, ys, false);
    tf.dispose([xs, ys, flat]);
    for (let e = 0; e < 3; e++) expect(Math.abs(fast[e] - stock[e])).toBeLessThanOrEqual(1e-3);
  });
});
