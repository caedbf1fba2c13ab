import * as tf from '@tensorflow/tfjs';
import type { GradConfig, KernelConfig, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import { convForward } from './conv2d';
import { float32Values, type CpuBackend, type KernelArgs } from './cpu-tensor';
import {
  activationFor,
  applyActivation,
  GRADIENT_ACTIVATIONS,
  isGradientActivation,
  perChannelValues,
  type GradientActivation,
} from './fused-epilogue';
import { fusedMatMul } from './mat-mul';
import { kernelsFor } from './resident-tensors';
import { WasmCapacityError } from './wasm/wasm-kernels';

/**
 * LayerLab's own kernels for training a conv or dense layer as one op each way (fuse-layers.ts puts them in the
 * layers' place): forward, the product + bias + activation in one kernel instead of three tensors; backward, the
 * activation's gradient and the bias gradient in one pass over dy, then the products' gradients. tfjs itself
 * splits a fused op into its parts whenever gradients are recorded and the activation is not linear.
 */

export const FUSED_CONV2D_KERNEL = 'LayerLabFusedConv2D';
export const FUSED_MATMUL_KERNEL = 'LayerLabFusedMatMul';
export const BIAS_ACTIVATION_GRAD_KERNEL = 'LayerLabBiasActivationGrad';

const BACKEND = 'cpu';

/** Attributes of the fused layer kernels: the conv's (strides, pad…) or none, and the activation. */
export interface FusedLayerAttrs {
  activation: GradientActivation;
}

/**
 * Forward of FUSED_CONV2D_KERNEL: inputs x, filter and optionally bias; attrs as tfjs's Conv2D plus `activation`.
 * Where the wasm path declines (wasm missing, more than its memory), the registered Conv2D kernel then bias and
 * activation in JS: the same values.
 */
function fusedConv2dLayer({ inputs, backend, attrs = {} }: KernelArgs): TensorInfo {
  const { x, filter, bias } = inputs as { x: TensorInfo; filter: TensorInfo; bias?: TensorInfo };
  try {
    const out = convForward(backend, x, filter, attrs, bias ?? null, attrs.activation);
    if (out != null) return out;
  } catch (error) {
    if (!(error instanceof WasmCapacityError)) throw error;
  }
  return withEpilogue(backend, registered('Conv2D')({ inputs: { x, filter }, backend, attrs }), bias, attrs);
}

/** Forward of FUSED_MATMUL_KERNEL: a [M×K] · b [K×N] + bias, then the activation. */
function fusedMatMulLayer({ inputs, backend, attrs = {} }: KernelArgs): TensorInfo {
  const { a, b, bias } = inputs as { a: TensorInfo; b: TensorInfo; bias?: TensorInfo };
  const plain = { transposeA: false, transposeB: false };
  try {
    const out = fusedMatMul({ inputs: { a, b, bias }, backend, attrs: { ...plain, activation: attrs.activation } });
    if (out != null) return out;
  } catch (error) {
    if (!(error instanceof WasmCapacityError)) throw error;
  }
  return withEpilogue(backend, registered('BatchMatMul')({ inputs: { a, b }, backend, attrs: plain }), bias, attrs);
}

function registered(name: string): (args: KernelArgs) => TensorInfo {
  const config = tf.getKernel(name, BACKEND);
  if (config == null) throw new Error(`${name}: no kernel registered on the cpu backend`);
  return config.kernelFunc as unknown as (args: KernelArgs) => TensorInfo;
}

/** `product` + bias, then the activation, as a new tensor (product is freed). */
function withEpilogue(
  backend: CpuBackend,
  product: TensorInfo,
  bias: TensorInfo | undefined,
  attrs: Record<string, unknown>,
): TensorInfo {
  const values = Float32Array.from(float32Values(backend, product)!);
  backend.disposeIntermediateTensorInfo(product);
  const channels = product.shape[product.shape.length - 1];
  const biasV = bias == null ? null : perChannelValues(backend, bias, channels);
  if (biasV != null) for (let i = 0; i < values.length; i++) values[i] += biasV[i % channels];
  const act = activationFor(attrs.activation, 0.2)!;
  if (attrs.activation !== 'linear') applyActivation(values, act);
  return backend.makeTensorInfo(product.shape, 'float32', values);
}

/**
 * BIAS_ACTIVATION_GRAD_KERNEL: from dy and the layer's output y (both [..., C]) with attrs `activation`, returns
 * [dz, dBias]: dz = dy · act'(y) (for linear, dy itself), dBias[c] = Σ dz[..., c] (float64 sums, blocks of rows
 * added in a fixed order, so the thread count does not change it).
 */
function biasActivationGrad({ inputs, backend, attrs = {} }: KernelArgs): TensorInfo[] {
  const { dy, y } = inputs as { dy: TensorInfo; y: TensorInfo };
  const activation = attrs.activation as GradientActivation;
  const dyv = float32Values(backend, dy);
  const yv = float32Values(backend, y);
  if (dyv == null || yv == null || dyv.length !== yv.length || !isGradientActivation(activation)) {
    throw new Error(`${BIAS_ACTIVATION_GRAD_KERNEL}: needs float32 dy and y of one shape and a known activation`);
  }
  const C = dy.shape[dy.shape.length - 1] ?? 1;
  const M = C === 0 ? 0 : dyv.length / C;
  const linear = activation === 'linear';
  const w = kernelsFor(backend);
  const dBias = new Float64Array(C);
  if (w != null && M > 0) {
    return w.scope((s) => {
      const blocks = Math.ceil(M / w.call('biasBlockRows'));
      const dz = linear ? null : s.output(dyv.length);
      const partials = s.temp(blocks * C * 8);
      const args = [s.input(dyv), linear ? 0 : s.input(yv), M, C, GRADIENT_ACTIVATIONS[activation]];
      w.run('biasActivationGrad', [...args, dz?.byteOffset ?? 0, partials], dyv.length * (linear ? 1 : 4));
      const sums = w.f64(partials, blocks * C);
      for (let b = 0; b < blocks; b++) for (let c = 0; c < C; c++) dBias[c] += sums[b * C + c];
      return [dzInfo(backend, dy, dz), backend.makeTensorInfo([C], 'float32', Float32Array.from(dBias))];
    });
  }
  const dz = linear ? null : activationGradJs(dyv, yv, activation);
  const src = dz ?? dyv;
  for (let i = 0; i < M; i++) for (let c = 0; c < C; c++) dBias[c] += src[i * C + c];
  return [dzInfo(backend, dy, dz), backend.makeTensorInfo([C], 'float32', Float32Array.from(dBias))];
}

/** dz as a tensor: for a linear layer dy itself (shared, as stock Identity shares its input). */
function dzInfo(backend: CpuBackend, dy: TensorInfo, dz: Float32Array | null): TensorInfo {
  if (dz != null) return backend.makeTensorInfo(dy.shape, 'float32', dz);
  backend.incRef(dy.dataId);
  return { dataId: dy.dataId, shape: dy.shape, dtype: 'float32' };
}

/** The wasm kernel's derivatives in JS, for runtimes without it. */
function activationGradJs(dy: Float32Array, y: Float32Array, activation: GradientActivation): Float32Array {
  const out = new Float32Array(dy.length);
  for (let i = 0; i < out.length; i++) {
    const v = y[i];
    if (activation === 'relu') out[i] = dy[i] * (v !== v ? NaN : v > 0 ? 1 : 0);
    else if (activation === 'sigmoid') out[i] = dy[i] * Math.fround(v * Math.fround(1 - v));
    else out[i] = Math.fround(1 - Math.fround(v * v)) * dy[i];
  }
  return out;
}

const run = (name: string, inputs: tf.NamedTensorMap, attrs: NamedAttrMap = {}) =>
  tf.engine().runKernel(name, inputs, attrs) as tf.Tensor;

/** [dz, dBias] of a fused layer from its output y and the gradient dy arriving at it. */
function activationAndBiasGrads(dy: tf.Tensor, y: tf.Tensor, activation: string): [tf.Tensor, tf.Tensor] {
  const [dz, dBias] = tf.engine().runKernel(BIAS_ACTIVATION_GRAD_KERNEL, { dy, y }, { activation }) as tf.Tensor[];
  return [dz, dBias];
}

const fusedConv2dGrad: GradConfig = {
  kernelName: FUSED_CONV2D_KERNEL,
  inputsToSave: ['x', 'filter'],
  outputsToSave: [true],
  gradFunc: (dy, saved, attrs) => {
    const [x, filter, y] = saved;
    const [dz, dBias] = activationAndBiasGrads(dy as tf.Tensor, y, attrs.activation as string);
    const conv = { strides: attrs.strides, pad: attrs.pad, dataFormat: 'NHWC', dimRoundingMode: attrs.dimRoundingMode };
    return {
      x: () => run('Conv2DBackpropInput', { dy: dz, filter }, { ...conv, inputShape: x.shape }),
      filter: () => run('Conv2DBackpropFilter', { x, dy: dz }, { ...conv, filterShape: filter.shape }),
      bias: () => dBias,
    };
  },
};

const fusedMatMulGrad: GradConfig = {
  kernelName: FUSED_MATMUL_KERNEL,
  inputsToSave: ['a', 'b'],
  outputsToSave: [true],
  gradFunc: (dy, saved, attrs) => {
    const [a, b, y] = saved;
    const [dz, dBias] = activationAndBiasGrads(dy as tf.Tensor, y, attrs.activation as string);
    return {
      a: () => run('BatchMatMul', { a: dz, b }, { transposeA: false, transposeB: true }),
      b: () => run('BatchMatMul', { a, b: dz }, { transposeA: true, transposeB: false }),
      bias: () => dBias,
    };
  },
};

/** The kernels and gradients to register on the cpu backend (registry.ts does, once). */
export const FUSED_LAYER_KERNELS: readonly KernelConfig[] = [
  { kernelName: FUSED_CONV2D_KERNEL, backendName: BACKEND, kernelFunc: fusedConv2dLayer as never },
  { kernelName: FUSED_MATMUL_KERNEL, backendName: BACKEND, kernelFunc: fusedMatMulLayer as never },
  { kernelName: BIAS_ACTIVATION_GRAD_KERNEL, backendName: BACKEND, kernelFunc: biasActivationGrad as never },
];
export const FUSED_LAYER_GRADIENTS: readonly GradConfig[] = [fusedConv2dGrad, fusedMatMulGrad];
