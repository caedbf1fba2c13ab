import type { TensorInfo } from '@tensorflow/tfjs';
import { conv2dGeometry } from './conv-geometry';
import { float32Values, type CpuBackend, type KernelArgs } from './cpu-tensor';
import { activationFor, applyActivation, perChannelValues } from './fused-epilogue';
import {
  epilogueArgs,
  gemm,
  im2col,
  patchCols,
  patchRows,
  poolGeometryArgs,
  rowMajor,
  usesDirectLoops,
} from './wasm/wasm-ops';
import { kernelsFor } from './resident-tensors';

/**
 * Conv2D (NHWC): out[M×Co] = patches[M×K] · filter[K×Co] (the filter tensor is already [K×Co] row-major), or the
 * direct loops for few output channels (see {@link usesDirectLoops}).
 */
export function conv2d({ inputs, backend, attrs = {} }: KernelArgs): TensorInfo | null {
  const { x, filter } = inputs;
  if (x == null || filter == null) return null;
  return convForward(backend, x, filter, attrs, null, 'linear');
}

/**
 * FusedConv2D: the convolution, then + bias and the activation. Bias and ReLU are applied by the wasm kernels as
 * each output value is finished (no extra pass over the output); the other activations in one pass in JS. PReLU
 * and biases that do not broadcast per channel go to the stock kernel. tfjs runs this kernel for inference and
 * evaluation; training runs the fused layer kernels (fused-layer-kernels.ts), which share this forward pass.
 */
export function fusedConv2d({ inputs, backend, attrs = {} }: KernelArgs): TensorInfo | null {
  const { x, filter, bias } = inputs;
  if (x == null || filter == null || inputs.preluActivationWeights != null) return null;
  return convForward(backend, x, filter, attrs, bias ?? null, attrs.activation ?? 'linear');
}

/** Conv + bias + activation, or null for what the stock kernels must do (see {@link fusedConv2d}). */
export function convForward(
  backend: CpuBackend,
  x: TensorInfo,
  filter: TensorInfo,
  attrs: Record<string, unknown>,
  bias: TensorInfo | null,
  activation: unknown,
): TensorInfo | null {
  const xv = float32Values(backend, x);
  const wv = float32Values(backend, filter);
  const w = kernelsFor(backend);
  if (xv == null || wv == null || w == null) return null;
  const g = conv2dGeometry(x.shape, filter.shape, attrs);
  if (g == null) return null;
  const Co = g.outChannels;
  const biasV = bias == null ? null : perChannelValues(backend, bias, Co);
  if (bias != null && biasV == null) return null;
  const relu = activation === 'relu';
  const post = relu ? null : activationFor(activation, (attrs.leakyreluAlpha as number | undefined) ?? 0.2);
  if (!relu && post == null) return null;
  const M = patchRows(g);
  const K = patchCols(g);
  return w.scope((s) => {
    const out = s.output(M * Co);
    const epilogue = { bias: biasV == null ? undefined : s.input(biasV), relu };
    if (usesDirectLoops(g)) {
      const args = [s.input(xv), ...poolGeometryArgs(g), s.input(wv), Co, ...epilogueArgs(epilogue), out.byteOffset];
      w.run('convDirect', args, 2 * M * K * Co);
    } else {
      const patches = im2col(s, s.input(xv), g);
      gemm(s, M, Co, K, rowMajor(patches, K), rowMajor(s.input(wv), Co), out.byteOffset, Co, epilogue);
    }
    if (post != null && activation !== 'linear') applyActivation(out, post);
    return backend.makeTensorInfo([g.batch, g.outHeight, g.outWidth, Co], 'float32', out);
  });
}
