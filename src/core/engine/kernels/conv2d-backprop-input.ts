import type { TensorInfo } from '@tensorflow/tfjs';
import { conv2dGeometry, type ConvGeometry } from './conv-geometry';
import { conv2dDirect } from './conv-direct';
import { allocFloat32, float32Values, scratchFloat64, toFloat32, type KernelArgs } from './cpu-tensor';

/**
 * Conv2DBackpropInput (NHWC). Unit strides: a direct convolution of dy with the rotated filter. Otherwise:
 * scatters each dy pixel back through the filter taps it came from, the inner dot product over output
 * channels contiguous in dy and in the filter, dx accumulating in float64.
 */
export function conv2dBackpropInput({ inputs, backend, attrs = {} }: KernelArgs): TensorInfo | null {
  const { dy, filter } = inputs;
  const dyv = float32Values(backend, dy);
  const wv = float32Values(backend, filter);
  const inputShape = attrs.inputShape as number[] | undefined;
  if (dy == null || filter == null || dyv == null || wv == null || inputShape == null) return null;
  const g = conv2dGeometry(inputShape, filter.shape, attrs);
  if (g == null) return null;
  const { inHeight: H, inWidth: W, inChannels: Ci, outHeight: Ho, outWidth: Wo, outChannels: Co } = g;
  const { filterHeight: Kh, filterWidth: Kw, strideHeight: sh, strideWidth: sw, padTop, padLeft } = g;
  if (sh === 1 && sw === 1 && padTop <= Kh - 1 && padLeft <= Kw - 1) {
    // With unit strides the input gradient is a forward convolution of dy with the filter rotated 180° and
    // its channel axes swapped — which the row-wise direct loops do without a float64 scatter buffer.
    const out = allocFloat32(g.batch * H * W * Ci);
    const rotated = new Float32Array(wv.length);
    for (let kh = 0; kh < Kh; kh++) {
      for (let kw = 0; kw < Kw; kw++) {
        const src = ((Kh - 1 - kh) * Kw + (Kw - 1 - kw)) * Ci * Co;
        const dst = (kh * Kw + kw) * Co * Ci;
        for (let ci = 0; ci < Ci; ci++)
          for (let co = 0; co < Co; co++) rotated[dst + co * Ci + ci] = wv[src + ci * Co + co];
      }
    }
    const flipped: ConvGeometry = {
      ...g,
      inHeight: Ho,
      inWidth: Wo,
      inChannels: Co,
      outHeight: H,
      outWidth: W,
      outChannels: Ci,
      padTop: Kh - 1 - padTop,
      padLeft: Kw - 1 - padLeft,
    };
    conv2dDirect(dyv, rotated, flipped, out);
    return backend.makeTensorInfo([g.batch, H, W, Ci], 'float32', out);
  }
  const dx = scratchFloat64(g.batch * H * W * Ci);
  for (let b = 0; b < g.batch; b++) {
    for (let yR = 0; yR < Ho; yR++) {
      const rowCorner = yR * sh - padTop;
      const khMin = Math.max(0, -rowCorner);
      const khMax = Math.min(Kh, H - rowCorner);
      for (let yC = 0; yC < Wo; yC++) {
        const colCorner = yC * sw - padLeft;
        const kwMin = Math.max(0, -colCorner);
        const kwMax = Math.min(Kw, W - colCorner);
        const dyOff = ((b * Ho + yR) * Wo + yC) * Co;
        for (let kh = khMin; kh < khMax; kh++) {
          const xRow = (b * H + rowCorner + kh) * W;
          for (let kw = kwMin; kw < kwMax; kw++) {
            const xOff = (xRow + colCorner + kw) * Ci;
            const wOff = (kh * Kw + kw) * Ci * Co;
            for (let ci = 0; ci < Ci; ci++) {
              const w0 = wOff + ci * Co;
              let s = 0;
              for (let co = 0; co < Co; co++) s += dyv[dyOff + co] * wv[w0 + co];
              dx[xOff + ci] += s;
            }
          }
        }
      }
    }
  }
  return backend.makeTensorInfo([g.batch, H, W, Ci], 'float32', toFloat32(dx));
}
