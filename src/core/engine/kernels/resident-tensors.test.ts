import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courseCnn, courseMlp, syntheticImages } from './course-models';
import { FusedAdamOptimizer } from './fused-adam';
import { fuseLayers, registerFastCpuKernels, unregisterFastCpuKernels } from './index';
import { seededValues } from './stock-comparison';
import { wasmKernels } from './wasm/wasm-kernels';

const w = wasmKernels()!;
const usedBytes = () => w.heap.stats().usedBytes;
const valuesOf = (t: tf.Tensor) =>
  (tf.backend() as unknown as { data: { get(id: object): { values: unknown } } }).data.get(t.dataId).values;

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerFastCpuKernels();
  w.configure({ threads: 2 }); // scratch sizes depend on the thread count: fixed, so heap figures are reproducible
});
afterAll(() => {
  w.configure({});
  unregisterFastCpuKernels();
});

/** A 3×3 conv of a seeded [2, 8, 8, 3] input: runs the wasm Conv2D kernel, whose output stays in its memory. */
function residentConv(seed = 1): tf.Tensor4D {
  return tf.tidy(() =>
    tf.conv2d(
      tf.tensor4d(seededValues(2 * 8 * 8 * 3, seed), [2, 8, 8, 3]),
      tf.tensor4d(seededValues(27 * 4, seed + 1), [3, 3, 3, 4]),
      1,
      'same',
    ),
  );
}

describe('tensors resident in the wasm kernels’ memory', () => {
  it('a fast kernel’s output lives in the memory, and disposing the tensor frees its block', () => {
    const before = usedBytes();
    const y = residentConv();
    expect(w.holds(valuesOf(y) as Float32Array)).toBe(true);
    expect(usedBytes()).toBe(before + Math.ceil((y.size * 4) / 64) * 64);
    const reshaped = y.reshape([2, 256]); // shares the data: the block stays until both are gone
    y.dispose();
    expect(usedBytes()).toBeGreaterThan(before);
    reshaped.dispose();
    expect(usedBytes()).toBe(before);
  });

  it('dataSync and data hand out copies that stay valid after the memory is reused', async () => {
    const y = residentConv(1);
    const expected = Array.from(y.dataSync());
    const sync = y.dataSync();
    const later = await y.data();
    expect(w.holds(sync)).toBe(false);
    y.dispose();
    const z = residentConv(5); // same size: reuses the freed block
    expect(Array.from(sync)).toEqual(expected);
    expect(Array.from(later as Float32Array)).toEqual(expected);
    expect(Array.from(z.dataSync())).not.toEqual(expected);
    z.dispose();
  });

  it('a stock kernel’s view on a resident tensor (a contiguous Slice) is copied, so it outlives the source', () => {
    const before = usedBytes();
    const y = residentConv(2);
    const all = Array.from(y.dataSync());
    // contiguous slices: stock Slice makes them subarrays of the input's values
    const second = tf.slice(y, [1, 0, 0, 0], [1, 8, 8, 4]);
    const rows = tf.slice(y, [1, 0, 0, 0], [1, 4, 8, 4]);
    y.dispose();
    const overwrite = residentConv(9); // same size: reuses the freed block
    expect(Array.from(second.dataSync())).toEqual(all.slice(256, 512));
    expect(Array.from(rows.dataSync())).toEqual(all.slice(256, 384));
    expect(w.holds(valuesOf(second) as Float32Array)).toBe(false);
    tf.dispose([second, rows, overwrite]);
    expect(usedBytes()).toBe(before);
  });

  it('Adam updates a variable in place only where no other tensor shares its values', () => {
    const v = tf.variable(tf.tensor2d(seededValues(64 * 8, 3), [64, 8]), true, `resident-adam-${Math.random()}`);
    const optimizer = new FusedAdamOptimizer(0.1, 0.9, 0.999);
    const step = (seed: number) => {
      const g = tf.tensor2d(seededValues(64 * 8, seed), [64, 8]);
      optimizer.applyGradients([{ name: v.name, tensor: g }]);
      g.dispose();
    };
    step(10); // moves the variable into the memory
    expect(w.holds(valuesOf(v) as Float32Array)).toBe(true);
    const snapshot = tf.clone(v); // shares v's data
    const saved = Array.from(snapshot.dataSync());
    step(11);
    expect(Array.from(snapshot.dataSync())).toEqual(saved); // not updated under the clone
    expect(Array.from(v.dataSync())).not.toEqual(saved);
    snapshot.dispose();
    const block = valuesOf(v);
    step(12);
    expect(valuesOf(v)).toBe(block); // alone again: in place
    optimizer.dispose();
    v.dispose();
  });

  it('memory stays bounded over a long training run, and is all returned when the model is disposed', async () => {
    const before = usedBytes();
    const { xs, ys } = syntheticImages(32, 4);
    for (const build of [() => courseMlp({ seed: 2 }), () => courseCnn({ dropout: true, seed: 2 })]) {
      const model = build();
      fuseLayers(model);
      const optimizer = new FusedAdamOptimizer(0.001, 0.9, 0.999);
      const input = model.inputs[0].shape.length === 2 ? xs.reshape([32, 1296]) : xs;
      const tops: number[] = [];
      const used: number[] = [];
      for (let step = 0; step < 60; step++) {
        tf.tidy(() => {
          optimizer.minimize(
            () => tf.losses.softmaxCrossEntropy(ys, model.apply(input, { training: true }) as tf.Tensor),
            false,
          );
        });
        tops.push(w.heap.stats().top);
        used.push(usedBytes());
      }
      // between steps only the weights and Adam's moments stay: the same bytes after every step
      expect(new Set(used.slice(2)).size).toBe(1);
      // the memory's high-water mark is reached in the first steps
      expect(Math.max(...tops.slice(20))).toBeLessThanOrEqual(Math.max(...tops.slice(0, 20)));
      if (input !== xs) input.dispose();
      model.dispose();
      optimizer.dispose();
      expect(usedBytes()).toBe(before);
    }
    tf.dispose([xs, ys]);
  }, 120_000);

  it('resetting the engine frees the blocks of every tensor it drops', async () => {
    const before = usedBytes();
    residentConv(3);
    residentConv(4); // never disposed
    expect(usedBytes()).toBeGreaterThan(before);
    tf.engine().reset();
    expect(usedBytes()).toBe(before);
    await tf.setBackend('cpu'); // a new backend instance, taught about resident values on first use
    const y = residentConv(3);
    expect(w.holds(valuesOf(y) as Float32Array)).toBe(true);
    y.dispose();
    expect(usedBytes()).toBe(before);
  });
});
