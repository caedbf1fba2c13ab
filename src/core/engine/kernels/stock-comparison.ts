import * as tf from '@tensorflow/tfjs';
import type { NamedAttrMap, NamedTensorMap } from '@tensorflow/tfjs';
import { fastKernelsActive, registerFastCpuKernels, unregisterFastCpuKernels } from './registry';

/** Deterministic float32 test data: a 32-bit LCG, so property tests are reproducible from their seed. */
export function seededValues(n: number, seed: number, choices?: readonly number[]): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const u = s / 2 ** 32;
    out[i] = choices ? choices[Math.floor(u * choices.length)] : u * 2 - 1;
  }
  return out;
}

export interface KernelOutputs {
  fast: Float32Array | Int32Array;
  stock: Float32Array | Int32Array;
  fastShape: number[];
  stockShape: number[];
}

/** Runs one kernel through the engine with the fast kernels registered, then with the stock ones. */
export function runBoth(kernelName: string, inputs: NamedTensorMap, attrs: NamedAttrMap = {}): KernelOutputs {
  const wasActive = fastKernelsActive();
  const run = (): [Float32Array | Int32Array, number[]] => {
    const out = tf.engine().runKernel(kernelName, inputs, attrs) as tf.Tensor;
    const values = out.dataSync() as Float32Array | Int32Array;
    const shape = out.shape;
    out.dispose();
    return [values, shape];
  };
  registerFastCpuKernels();
  const [fast, fastShape] = run();
  unregisterFastCpuKernels();
  const [stock, stockShape] = run();
  if (wasActive) registerFastCpuKernels();
  return { fast, stock, fastShape, stockShape };
}

/** max |fast − stock| / max(1, max |stock|): the relative error the kernel tests bound by 1e-4. */
export function relativeError(fast: ArrayLike<number>, stock: ArrayLike<number>): number {
  if (fast.length !== stock.length) return Infinity;
  let scale = 1;
  let worst = 0;
  for (let i = 0; i < stock.length; i++) {
    const a = fast[i];
    const b = stock[i];
    if (Number.isNaN(a) !== Number.isNaN(b)) return Infinity;
    if (Number.isNaN(b)) continue;
    scale = Math.max(scale, Math.abs(b));
    if (a === b) continue; // also equal infinities
    worst = Math.max(worst, Math.abs(a - b));
  }
  return worst / scale;
}
