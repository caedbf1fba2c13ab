import type { ConvGeometry } from './conv-geometry';
import { zeroedFloat32 } from './cpu-tensor';

/**
 * Patch matrix [M×K] of an NHWC input, row-major: row m = output pixel (b, yR, yC), column k = filter tap
 * (kh, kw, ci), zero where the tap falls in the padding. For one (pixel, kh) the taps kw·Ci + ci are one
 * contiguous run of the input row, so each is a straight copy.
 */
export function im2col(xv: Float32Array, g: ConvGeometry): Float32Array {
  const { inHeight: H, inWidth: W, inChannels: Ci, outHeight: Ho, outWidth: Wo } = g;
  const { filterHeight: Kh, filterWidth: Kw, strideHeight: sh, strideWidth: sw, padTop, padLeft } = g;
  const K = Kh * Kw * Ci;
  const col = zeroedFloat32(g.batch * Ho * Wo * K);
  let base = 0;
  for (let b = 0; b < g.batch; b++) {
    for (let yR = 0; yR < Ho; yR++) {
      const rowCorner = yR * sh - padTop;
      const khMin = Math.max(0, -rowCorner);
      const khMax = Math.min(Kh, H - rowCorner);
      for (let yC = 0; yC < Wo; yC++, base += K) {
        const colCorner = yC * sw - padLeft;
        const kwMin = Math.max(0, -colCorner);
        const kwMax = Math.min(Kw, W - colCorner);
        const len = (kwMax - kwMin) * Ci;
        for (let kh = khMin; kh < khMax; kh++) {
          const src = ((b * H + rowCorner + kh) * W + colCorner + kwMin) * Ci;
          const dst = base + (kh * Kw + kwMin) * Ci;
          for (let t = 0; t < len; t++) col[dst + t] = xv[src + t];
        }
      }
    }
  }
  return col;
}

/**
 * The same patch matrix transposed, [K×M] row-major: one row per filter tap holding its input value at every
 * output pixel, so Conv2DBackpropFilter's K×Co outputs become dot products over contiguous rows.
 */
export function im2colTransposed(xv: Float32Array, g: ConvGeometry): Float32Array {
  const { inHeight: H, inWidth: W, inChannels: Ci, outHeight: Ho, outWidth: Wo } = g;
  const { filterHeight: Kh, filterWidth: Kw, strideHeight: sh, strideWidth: sw, padTop, padLeft } = g;
  const M = g.batch * Ho * Wo;
  const col = zeroedFloat32(Kh * Kw * Ci * M);
  const step = sw * Ci;
  for (let kh = 0; kh < Kh; kh++) {
    for (let kw = 0; kw < Kw; kw++) {
      // output columns whose tap kw lands inside the input: 0 <= yC·sw − padLeft + kw < W
      const yCMin = Math.max(0, Math.ceil((padLeft - kw) / sw));
      const yCMax = Math.min(Wo, Math.ceil((W + padLeft - kw) / sw));
      for (let ci = 0; ci < Ci; ci++) {
        const rowBase = ((kh * Kw + kw) * Ci + ci) * M;
        let m = rowBase;
        for (let b = 0; b < g.batch; b++) {
          for (let yR = 0; yR < Ho; yR++, m += Wo) {
            const xR = yR * sh - padTop + kh;
            if (xR < 0 || xR >= H || yCMin >= yCMax) continue;
            let src = ((b * H + xR) * W + yCMin * sw - padLeft + kw) * Ci + ci;
            for (let yC = yCMin; yC < yCMax; yC++, src += step) col[m + yC] = xv[src];
          }
        }
      }
    }
  }
  return col;
}
