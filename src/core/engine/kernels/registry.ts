import * as tf from '@tensorflow/tfjs';
import type { GradConfig, KernelConfig, KernelFunc } from '@tensorflow/tfjs';
import type { FastKernelFunc, KernelArgs } from './cpu-tensor';
import { conv2d, fusedConv2d } from './conv2d';
import { conv2dBackpropFilter } from './conv2d-backprop-filter';
import { conv2dBackpropInput } from './conv2d-backprop-input';
import { avgPool, maxPool } from './pool';
import { avgPoolGrad, maxPoolGrad } from './pool-grad';
import { batchMatMul, fusedMatMul } from './mat-mul';
import { add, equal, multiply, realDiv, sub } from './elementwise-binary';
import { elu, exp, leakyRelu, log, neg, relu, relu6, sigmoid, sqrt, square, step } from './elementwise-unary';
import { sum } from './sum';
import { gatherV2 } from './gather';
import { WasmCapacityError } from './wasm/wasm-kernels';
import { fusedReluGradConfig, RELU_GRAD_KERNEL, reluGrad } from './relu-grad';
import { FUSED_LAYER_GRADIENTS, FUSED_LAYER_KERNELS } from './fused-layer-kernels';

const BACKEND = 'cpu';

/** Kernel name (as tfjs-core spells it) → fast implementation. */
const FAST: Readonly<Record<string, FastKernelFunc>> = {
  Conv2D: conv2d,
  FusedConv2D: fusedConv2d,
  Conv2DBackpropFilter: conv2dBackpropFilter,
  Conv2DBackpropInput: conv2dBackpropInput,
  MaxPool: maxPool,
  MaxPoolGrad: maxPoolGrad,
  AvgPool: avgPool,
  AvgPoolGrad: avgPoolGrad,
  BatchMatMul: batchMatMul,
  _FusedMatMul: fusedMatMul,
  Add: add,
  Sub: sub,
  Multiply: multiply,
  RealDiv: realDiv,
  Equal: equal,
  Relu: relu,
  Relu6: relu6,
  Sigmoid: sigmoid,
  Sqrt: sqrt,
  Square: square,
  Exp: exp,
  Log: log,
  Neg: neg,
  Step: step,
  Elu: elu,
  LeakyRelu: leakyRelu,
  Sum: sum,
  GatherV2: gatherV2,
};

export const FAST_KERNELS: readonly string[] = Object.freeze(Object.keys(FAST));

/** The stock configs we replaced, to put back on unregister and to delegate to for unsupported calls. */
const stock = new Map<string, KernelConfig>();
/** tfjs's Relu gradient while ours (one fused kernel instead of Step + Multiply) is registered. */
let stockReluGrad: GradConfig | null = null;

export function fastKernelsActive(): boolean {
  return stock.size > 0;
}

/**
 * Replaces the stock `cpu` kernels named in {@link FAST_KERNELS} with the project's versions (WebAssembly SIMD
 * for the hot ones, typed-array loops for the rest), and tfjs's Relu gradient with one fused kernel, and registers
 * the fused layer kernels (fused-layer-kernels.ts). Idempotent.
 * Each fast kernel hands calls it does not implement (other dtypes, NCHW, dilations, more than the wasm memory
 * holds...) to the stock kernel it replaced, so every op still works and only the common shapes take the fast path.
 */
export function registerFastCpuKernels(): void {
  if (fastKernelsActive()) return;
  for (const name of FAST_KERNELS) {
    const original = tf.getKernel(name, BACKEND);
    if (original == null) continue; // this tfjs build has no stock kernel to compare against: leave it alone
    stock.set(name, original);
    const fast = FAST[name];
    const fallback = original.kernelFunc;
    const kernelFunc = ((args: KernelArgs) => {
      try {
        return fast(args) ?? fallback(args as never);
      } catch (error) {
        if (error instanceof WasmCapacityError) return fallback(args as never); // too large for wasm memory
        throw error;
      }
    }) as unknown as KernelFunc;
    tf.unregisterKernel(name, BACKEND);
    tf.registerKernel({ ...original, kernelFunc });
  }
  if (tf.getKernel(RELU_GRAD_KERNEL, BACKEND) == null) {
    tf.registerKernel({ kernelName: RELU_GRAD_KERNEL, backendName: BACKEND, kernelFunc: reluGrad as never });
  }
  // LayerLab's own kernels stay registered once made: only the fused layers (fuse-layers.ts) call them, and only
  // while the fast kernels are on
  for (const config of FUSED_LAYER_KERNELS)
    if (tf.getKernel(config.kernelName, BACKEND) == null) tf.registerKernel(config);
  for (const config of FUSED_LAYER_GRADIENTS)
    if (tf.getGradient(config.kernelName) == null) tf.registerGradient(config);
  stockReluGrad = tf.getGradient('Relu');
  tf.registerGradient(fusedReluGradConfig(stockReluGrad));
}

/** Puts the stock kernels back (the `cpu-stock` backend choice, and stock-vs-fast comparisons). Idempotent. */
export function unregisterFastCpuKernels(): void {
  for (const [name, original] of stock) {
    tf.unregisterKernel(name, BACKEND);
    tf.registerKernel(original);
  }
  stock.clear();
  if (stockReluGrad != null) tf.registerGradient(stockReluGrad);
  stockReluGrad = null;
}
