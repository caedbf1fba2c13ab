import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FAST_KERNELS, fastKernelsActive, registerFastCpuKernels, unregisterFastCpuKernels } from './index';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

afterEach(() => unregisterFastCpuKernels());

describe('fast kernel registry', () => {
  it('overrides the kernels the training paths use', () => {
    for (const name of [
      'Conv2D',
      'Conv2DBackpropFilter',
      'Conv2DBackpropInput',
      'MaxPool',
      'MaxPoolGrad',
      'AvgPool',
      'AvgPoolGrad',
      'BatchMatMul',
      '_FusedMatMul',
    ]) {
      expect(FAST_KERNELS).toContain(name);
    }
  });

  it('registers idempotently and restores the exact stock kernels', () => {
    const stock = new Map(FAST_KERNELS.map((n) => [n, tf.getKernel(n, 'cpu')?.kernelFunc]));
    expect(fastKernelsActive()).toBe(false);
    registerFastCpuKernels();
    registerFastCpuKernels();
    expect(fastKernelsActive()).toBe(true);
    for (const n of FAST_KERNELS) expect(tf.getKernel(n, 'cpu')?.kernelFunc).not.toBe(stock.get(n));
    unregisterFastCpuKernels();
    unregisterFastCpuKernels();
    expect(fastKernelsActive()).toBe(false);
    for (const n of FAST_KERNELS) expect(tf.getKernel(n, 'cpu')?.kernelFunc).toBe(stock.get(n));
  });

  it('hands unsupported calls (int32, complex) to the stock kernel', () => {
    registerFastCpuKernels();
    const a = tf.tensor1d([1, 2, 3], 'int32');
    const sum = tf.add(a, a);
    expect(sum.dtype).toBe('int32');
    expect(Array.from(sum.dataSync())).toEqual([2, 4, 6]);
    const c = tf.complex([1, 2], [3, 4]);
    const product = tf.mul(c, c);
    expect(product.dtype).toBe('complex64');
    tf.dispose([a, sum, c, product]);
  });
});
