import type { TensorInfo } from '@tensorflow/tfjs';
import { conv2dGeometry } from './conv-geometry';
import { allocFloat32, float32Values, zeroedFloat32, type KernelArgs } from './cpu-tensor';
import { gemm } from './gemm';
import { im2col } from './im2col';
import { conv2dDirect, WIDE_CHANNELS } from './conv-direct';

/**
 * Conv2D (NHWC): direct loops for few output channels, im2col + GEMM for many.
 */
export function conv2d({ inputs, backend, attrs = {} }: KernelArgs): TensorInfo | null {
  const { x, filter } = inputs;
  const xv = float32Values(backend, x);
  const wv = float32Values(backend, filter);
  if (x == null || filter == null || xv == null || wv == null) return null;
  const g = conv2dGeometry(x.shape, filter.shape, attrs);
  if (g == null) return null;
  const { inChannels: Ci, outHeight: Ho, outWidth: Wo, outChannels: Co } = g;
  const { filterHeight: Kh, filterWidth: Kw } = g;
  // out[M×Co] = patches[M×K] · filter[K×Co]; the filter tensor is already [K×Co] row-major.
  const M = g.batch * Ho * Wo;
  const out = Co < WIDE_CHANNELS ? allocFloat32(M * Co) : zeroedFloat32(M * Co);
  if (Co < WIDE_CHANNELS) conv2dDirect(xv, wv, g, out);
  else gemm(M, Co, Kh * Kw * Ci, im2col(xv, g), 0, wv, 0, out, 0);
  return backend.makeTensorInfo([g.batch, Ho, Wo, Co], 'float32', out);
}
