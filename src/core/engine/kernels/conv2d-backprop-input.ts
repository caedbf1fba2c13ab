import type { TensorInfo } from '@tensorflow/tfjs';
import { conv2dGeometry } from './conv-geometry';
import { float32Values, type KernelArgs } from './cpu-tensor';
import { col2im, gemm, patchCols, patchRows, rowMajor, transposedOf } from './wasm/wasm-ops';
import { wasmKernels } from './wasm/wasm-kernels';

/**
 * Conv2DBackpropInput (NHWC): the patch-matrix gradient dPatches[M×K] = dy[M×Co] · filter[K×Co]ᵀ, then col2im
 * adds every patch entry back onto the input pixel it came from (any strides and padding).
 */
export function conv2dBackpropInput({ inputs, backend, attrs = {} }: KernelArgs): TensorInfo | null {
  const { dy, filter } = inputs;
  const dyv = float32Values(backend, dy);
  const wv = float32Values(backend, filter);
  const inputShape = attrs.inputShape as number[] | undefined;
  const w = wasmKernels();
  if (dy == null || filter == null || dyv == null || wv == null || inputShape == null || w == null) return null;
  const g = conv2dGeometry(inputShape, filter.shape, attrs);
  if (g == null) return null;
  const M = patchRows(g);
  const K = patchCols(g);
  const Co = g.outChannels;
  w.begin();
  const dPatches = w.alloc(M * K * 4);
  // filter [K×Co] row-major read as its transpose [Co×K]
  gemm(w, M, K, Co, rowMajor(w.write(dyv), Co), transposedOf(w.write(wv), Co), dPatches, K);
  const dx = col2im(w, dPatches, g);
  const n = g.batch * g.inHeight * g.inWidth * g.inChannels;
  return backend.makeTensorInfo([g.batch, g.inHeight, g.inWidth, g.inChannels], 'float32', w.read(dx, n));
}
