import type { TensorInfo } from '@tensorflow/tfjs';
import { float32Values, type CpuBackend } from './cpu-tensor';

/**
 * What fused kernels do after their sum: add a bias, then apply an activation. Shared by the stock fused kernels
 * LayerLab replaces (_FusedMatMul, FusedConv2D) and by its own fused layer kernels (fused-layer-kernels.ts).
 */

type Activation = (v: number) => number;

/** Activations as the stock fused kernels define them (see tfjs-backend-cpu's fused_utils), plus tanh. */
export function activationFor(name: unknown, leakyAlpha: number): Activation | null {
  switch (name ?? 'linear') {
    case 'linear':
      return (v) => v;
    case 'relu':
      return (v) => Math.max(0, v);
    case 'relu6':
      return (v) => Math.min(Math.max(0, v), 6);
    case 'elu':
      return (v) => (v >= 0 ? v : Math.exp(v) - 1);
    case 'sigmoid':
      return (v) => 1 / (1 + Math.exp(-v));
    case 'tanh':
      return (v) => Math.tanh(v);
    case 'leakyrelu':
      return (v) => (v < 0 ? leakyAlpha * v : v);
    default:
      return null;
  }
}

/** Applies an activation other than linear and ReLU (which the wasm epilogue does) to float32 values in place. */
export function applyActivation(values: Float32Array, act: Activation): void {
  for (let i = 0; i < values.length; i++) values[i] = act(values[i]);
}

/**
 * Activations whose gradient the fused backward pass computes from the layer's output alone, with their codes in
 * the wasm kernel (activation.ts's ACT_*).
 */
export const GRADIENT_ACTIVATIONS = { linear: 0, relu: 1, sigmoid: 2, tanh: 3 } as const;
export type GradientActivation = keyof typeof GRADIENT_ACTIVATIONS;

export function isGradientActivation(name: unknown): name is GradientActivation {
  return typeof name === 'string' && Object.hasOwn(GRADIENT_ACTIVATIONS, name);
}

/**
 * One value per output channel of a bias (or prelu-alpha) tensor, or null when it broadcasts any other way (then
 * the stock kernel runs): size 1 → the same value for every channel; size `channels` with all leading dims 1 → as
 * is.
 */
export function perChannelValues(backend: CpuBackend, t: TensorInfo, channels: number): Float32Array | null {
  const v = float32Values(backend, t);
  if (v == null) return null;
  if (v.length === 1) return new Float32Array(channels).fill(v[0]);
  const leadingOnes = t.shape.slice(0, -1).every((d) => d === 1);
  return leadingOnes && t.shape[t.shape.length - 1] === channels ? v : null;
}
