import type { TensorInfo } from '@tensorflow/tfjs';
import { conv2dGeometry } from './conv-geometry';
import { float32Values, type KernelArgs } from './cpu-tensor';
import { col2im, gemm, patchCols, patchRows, rowMajor, transposedOf } from './wasm/wasm-ops';
import { kernelsFor } from './resident-tensors';

/**
 * Conv2DBackpropInput (NHWC): the patch-matrix gradient dPatches[M×K] = dy[M×Co] · filter[K×Co]ᵀ, then col2im
 * adds every patch entry back onto the input pixel it came from (any strides and padding).
 */
export function conv2dBackpropInput({ inputs, backend, attrs = {} }: KernelArgs): TensorInfo | null {
  const { dy, filter } = inputs;
  const dyv = float32Values(backend, dy);
  const wv = float32Values(backend, filter);
  const inputShape = attrs.inputShape as number[] | undefined;
  const w = kernelsFor(backend);
  if (dy == null || filter == null || dyv == null || wv == null || inputShape == null || w == null) return null;
  const g = conv2dGeometry(inputShape, filter.shape, attrs);
  if (g == null) return null;
  const M = patchRows(g);
  const K = patchCols(g);
  const Co = g.outChannels;
  return w.scope((s) => {
    const dPatches = s.temp(M * K * 4);
    // filter [K×Co] row-major read as its transpose [Co×K]
    gemm(s, M, K, Co, rowMajor(s.input(dyv), Co), transposedOf(s.input(wv), Co), dPatches, K);
    const dx = s.output(g.batch * g.inHeight * g.inWidth * g.inChannels);
    col2im(s, dPatches, g, dx.byteOffset);
    return backend.makeTensorInfo([g.batch, g.inHeight, g.inWidth, g.inChannels], 'float32', dx);
  });
}
