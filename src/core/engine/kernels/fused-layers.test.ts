import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arbConv, convTensors, type Conv } from './conv-arbitrary';
import { describeOnThreads } from './describe-on-threads';
import { fuseLayers } from './fuse-layers';
import { FUSED_CONV2D_KERNEL, FUSED_MATMUL_KERNEL } from './fused-layer-kernels';
import { registerFastCpuKernels, unregisterFastCpuKernels } from './registry';
import { relativeError, runBoth, seededValues } from './stock-comparison';
import { wasmKernels } from './wasm/wasm-kernels';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => unregisterFastCpuKernels());

const RUNS = { seed: 7331, numRuns: 40 };
const ACTIVATIONS = ['linear', 'relu', 'sigmoid', 'tanh'] as const;
type Act = (typeof ACTIVATIONS)[number];
const STOCK_ACTIVATION: Record<Act, (t: tf.Tensor) => tf.Tensor> = {
  linear: (t) => t,
  relu: tf.relu,
  sigmoid: tf.sigmoid,
  tanh: tf.tanh,
};

/** A layer function's output and its gradients (weighted by r) with respect to every argument. */
function outputAndGradients(f: (...args: tf.Tensor[]) => tf.Tensor, args: tf.Tensor[], r: tf.Tensor): Float32Array[] {
  const y = f(...args);
  const values = [y.dataSync() as Float32Array];
  y.dispose();
  const grads = tf.grads((...ts: tf.Tensor[]) => tf.sum(tf.mul(f(...ts), r)))(args);
  values.push(...grads.map((g) => g.dataSync() as Float32Array));
  tf.dispose(grads);
  return values;
}

/** The same with LayerLab's fused kernel (fast kernels on) and tfjs's ops (stock kernels). */
function fusedAndStock(
  fused: (...args: tf.Tensor[]) => tf.Tensor,
  stock: (...args: tf.Tensor[]) => tf.Tensor,
  args: tf.Tensor[],
  r: tf.Tensor,
): { fast: Float32Array[]; stock: Float32Array[] } {
  registerFastCpuKernels();
  const fast = outputAndGradients(fused, args, r);
  unregisterFastCpuKernels();
  const slow = outputAndGradients(stock, args, r);
  registerFastCpuKernels();
  return { fast, stock: slow };
}

function convLayer(c: Conv, act: Act, withBias: boolean) {
  const t = convTensors(c);
  const bias = tf.tensor1d(seededValues(c.outChannels, c.seed + 3));
  const args = withBias ? [t.x, t.w, bias] : [t.x, t.w];
  const attrs = { strides: t.strides, pad: c.pad, dataFormat: 'NHWC', dilations: [1, 1], activation: act };
  const fused = (x: tf.Tensor, w: tf.Tensor, b?: tf.Tensor) =>
    tf.engine().runKernel(FUSED_CONV2D_KERNEL, b ? { x, filter: w, bias: b } : { x, filter: w }, attrs) as tf.Tensor;
  const stock = (x: tf.Tensor, w: tf.Tensor, b?: tf.Tensor) => {
    const z = tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, t.strides, c.pad);
    return STOCK_ACTIVATION[act](b ? tf.add(z, b) : z);
  };
  return { args, fused, stock, r: t.dy, dispose: () => tf.dispose([t.x, t.w, t.dy, bias]) };
}

const arbDense = fc.record({
  M: fc.integer({ min: 1, max: 40 }),
  K: fc.integer({ min: 1, max: 90 }),
  N: fc.integer({ min: 1, max: 40 }),
  seed: fc.integer({ min: 1, max: 1 << 30 }),
});

function denseLayer(c: { M: number; K: number; N: number; seed: number }, act: Act, withBias: boolean) {
  const a = tf.tensor2d(seededValues(c.M * c.K, c.seed), [c.M, c.K]);
  const b = tf.tensor2d(seededValues(c.K * c.N, c.seed + 1), [c.K, c.N]);
  const bias = tf.tensor1d(seededValues(c.N, c.seed + 2));
  const r = tf.tensor2d(seededValues(c.M * c.N, c.seed + 3), [c.M, c.N]);
  const args = withBias ? [a, b, bias] : [a, b];
  const fused = (x: tf.Tensor, w: tf.Tensor, v?: tf.Tensor) =>
    tf.engine().runKernel(FUSED_MATMUL_KERNEL, v ? { a: x, b: w, bias: v } : { a: x, b: w }, {
      activation: act,
    }) as tf.Tensor;
  const stock = (x: tf.Tensor, w: tf.Tensor, v?: tf.Tensor) => {
    const z = tf.matMul(x, w);
    return STOCK_ACTIVATION[act](v ? tf.add(z, v) : z);
  };
  return { args, fused, stock, r, dispose: () => tf.dispose([a, b, bias, r]) };
}

function expectClose(r: { fast: Float32Array[]; stock: Float32Array[] }): void {
  expect(r.fast.length).toBe(r.stock.length);
  r.fast.forEach((values, i) => expect(relativeError(values, r.stock[i])).toBeLessThanOrEqual(1e-4));
}

describeOnThreads('fused conv and dense kernels match stock', () => {
  it('FusedConv2D (inference and evaluation): bias per channel or scalar, every fused activation', () => {
    const activations = ['linear', 'relu', 'relu6', 'elu', 'sigmoid', 'leakyrelu', 'prelu'] as const;
    fc.assert(
      fc.property(arbConv, fc.constantFrom(...activations), fc.constantFrom('none', 'channel', 'scalar'), (c, a, b) => {
        const t = convTensors(c);
        const inputs: tf.NamedTensorMap = { x: t.x, filter: t.w };
        if (b !== 'none') inputs.bias = tf.tensor1d(seededValues(b === 'scalar' ? 1 : c.outChannels, c.seed + 3));
        if (a === 'prelu') inputs.preluActivationWeights = tf.tensor1d(seededValues(c.outChannels, c.seed + 4));
        const attrs = { strides: t.strides, pad: c.pad, dataFormat: 'NHWC', dilations: [1, 1], activation: a };
        const r = runBoth('FusedConv2D', inputs, { ...attrs, leakyreluAlpha: 0.3 });
        tf.dispose([t.x, t.w, t.dy, inputs.bias, inputs.preluActivationWeights].filter((v) => v != null));
        expect(r.fastShape).toEqual(r.stockShape);
        expect(relativeError(r.fast, r.stock)).toBeLessThanOrEqual(1e-4);
      }),
      RUNS,
    );
  });

  it('the fused conv layer: output and the gradients of x, filter and bias equal conv2d → add → activation', () => {
    fc.assert(
      fc.property(arbConv, fc.constantFrom(...ACTIVATIONS), fc.boolean(), (c, act, withBias) => {
        const layer = convLayer(c, act, withBias);
        const r = fusedAndStock(layer.fused, layer.stock, layer.args, layer.r);
        layer.dispose();
        expectClose(r);
      }),
      RUNS,
    );
  });

  it('the fused dense layer: output and the gradients of input, kernel and bias equal matMul → add → activation', () => {
    fc.assert(
      fc.property(arbDense, fc.constantFrom(...ACTIVATIONS), fc.boolean(), (c, act, withBias) => {
        const layer = denseLayer(c, act, withBias);
        const r = fusedAndStock(layer.fused, layer.stock, layer.args, layer.r);
        layer.dispose();
        expectClose(r);
      }),
      RUNS,
    );
  });

  it('at the course CNN’s conv layer (batch 32, 36×36×1 → 4 filters 5×5 same, ReLU)', () => {
    const c: Conv = {
      batch: 32,
      ...{ inHeight: 36, inWidth: 36, inChannels: 1, outChannels: 4, filterHeight: 5, filterWidth: 5 },
      ...{ strideHeight: 1, strideWidth: 1, pad: 'same', seed: 17 },
    };
    const layer = convLayer(c, 'relu', true);
    const r = fusedAndStock(layer.fused, layer.stock, layer.args, layer.r);
    layer.dispose();
    expectClose(r);
  });
});

describe('fused layer kernels give the same bits on any number of threads', () => {
  afterAll(() => wasmKernels()?.configure({}));

  it('conv (direct loops and im2col + GEMM) and dense, forward and backward, on 1 and 3 threads', () => {
    registerFastCpuKernels();
    const cases = [
      () => convLayer({ ...wide(8, 16), outChannels: 4 }, 'relu', true),
      () => convLayer(wide(8, 16), 'relu', true),
      () => convLayer(wide(3, 20), 'sigmoid', true),
      () => denseLayer({ M: 33, K: 300, N: 70, seed: 5 }, 'tanh', true),
    ];
    for (const make of cases) {
      const runs = [1, 3].map((threads) => {
        wasmKernels()?.configure({ threads, parallelMinWork: 0 });
        const layer = make();
        const values = outputAndGradients(layer.fused, layer.args, layer.r);
        layer.dispose();
        return values;
      });
      runs[0].forEach((values, i) =>
        expect(Buffer.from(values.buffer).equals(Buffer.from(runs[1][i].buffer))).toBe(true),
      );
    }
  });
});

/** A batch-4 conv of 3×3 filters over 12×12 inputs with `channels` in and `filters` out. */
function wide(channels: number, filters: number): Conv {
  return {
    ...{ batch: 4, inHeight: 12, inWidth: 12, inChannels: channels, outChannels: filters },
    ...{ filterHeight: 3, filterWidth: 3, strideHeight: 1, strideWidth: 1, pad: 'same', seed: 23 },
  };
}

describe('fuseLayers', () => {
  /** Conv2D and Dense layers of every kind the pass treats differently, with fixed weights. */
  function model(): tf.LayersModel {
    const init = (seed: number) => tf.initializers.glorotUniform({ seed });
    const m = tf.sequential();
    m.add(
      tf.layers.conv2d({
        inputShape: [9, 9, 2],
        filters: 4,
        kernelSize: 3,
        padding: 'same',
        activation: 'relu',
        kernelInitializer: init(1),
      }),
    );
    m.add(
      tf.layers.conv2d({
        filters: 6,
        kernelSize: 3,
        strides: 2,
        activation: 'elu',
        useBias: false,
        kernelInitializer: init(2),
      }),
    );
    m.add(tf.layers.flatten());
    m.add(tf.layers.dense({ units: 7, activation: 'sigmoid', kernelInitializer: init(3) }));
    m.add(tf.layers.dense({ units: 5, activation: 'softmax', kernelInitializer: init(4), biasInitializer: 'ones' }));
    return m;
  }

  function outputAndWeightGradients(m: tf.LayersModel, x: tf.Tensor, r: tf.Tensor): Float32Array[] {
    const y = m.apply(x, { training: true }) as tf.Tensor;
    const values = [y.dataSync() as Float32Array];
    y.dispose();
    const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(m.apply(x, { training: true }) as tf.Tensor, r)));
    values.push(...m.trainableWeights.map((w) => grads[w.originalName].dataSync() as Float32Array));
    tf.dispose([value, ...Object.values(grads)]);
    return values;
  }

  it('keeps the outputs and weight gradients of the model it speeds up, and its saved form', () => {
    registerFastCpuKernels();
    const x = tf.tensor4d(seededValues(3 * 9 * 9 * 2, 31), [3, 9, 9, 2]);
    const r = tf.tensor2d(seededValues(15, 32), [3, 5]);
    const plain = model();
    const fused = model();
    const config = JSON.stringify(fused.toJSON(null, false));
    fuseLayers(fused);
    expect(JSON.stringify(fused.toJSON(null, false))).toBe(config);
    expectClose({ fast: outputAndWeightGradients(fused, x, r), stock: outputAndWeightGradients(plain, x, r) });
    // with the stock kernels the layers run their own call: the same bits as the model never passed through
    unregisterFastCpuKernels();
    const a = outputAndWeightGradients(fused, x, r);
    const b = outputAndWeightGradients(plain, x, r);
    a.forEach((values, i) => expect(Array.from(values)).toEqual(Array.from(b[i])));
    registerFastCpuKernels();
    tf.dispose([x, r]);
    plain.dispose();
    fused.dispose();
  });
});
