import type { TensorInfo } from '@tensorflow/tfjs';
import { conv2dGeometry } from './conv-geometry';
import { float32Values, type KernelArgs } from './cpu-tensor';
import { gemm } from './gemm';
import { im2colTransposed } from './im2col';
import { conv2dBackpropFilterDirect, WIDE_CHANNELS } from './conv-direct';

/**
 * Conv2DBackpropFilter (NHWC): dW[kh,kw,ci,co] = Σ x[b, yR·sh+kh−top, yC·sw+kw−left, ci] · dy[b,yR,yC,co].
 * Direct loops for few output channels; otherwise a GEMM over transposed patches, so each of the K×Co outputs is a contiguous dot product over all
 * N·Ho·Wo pixels; the stock kernel reads every element through TensorBuffer.get, once per filter tap.
 */
export function conv2dBackpropFilter({ inputs, backend, attrs = {} }: KernelArgs): TensorInfo | null {
  const { x, dy } = inputs;
  const xv = float32Values(backend, x);
  const dyv = float32Values(backend, dy);
  const filterShape = attrs.filterShape as number[] | undefined;
  if (x == null || dy == null || xv == null || dyv == null || filterShape == null) return null;
  const g = conv2dGeometry(x.shape, filterShape, attrs);
  if (g == null) return null;
  const { inChannels: Ci, outHeight: Ho, outWidth: Wo, outChannels: Co } = g;
  const { filterHeight: Kh, filterWidth: Kw } = g;
  // dW[K×Co] = patchesᵀ[K×M] · dy[M×Co]: dy is already [M×Co] row-major, the patches are built transposed.
  const M = g.batch * Ho * Wo;
  const K = Kh * Kw * Ci;
  const dW = new Float32Array(K * Co);
  if (Co < WIDE_CHANNELS) conv2dBackpropFilterDirect(xv, dyv, g, dW);
  else gemm(K, Co, M, im2colTransposed(xv, g), 0, dyv, 0, dW, 0);
  return backend.makeTensorInfo([Kh, Kw, Ci, Co], 'float32', dW);
}
