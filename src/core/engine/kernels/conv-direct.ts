import type { ConvGeometry } from './conv-geometry';

/** From this many output channels on, a patch matrix + GEMM beats the direct loops below. */
export const WIDE_CHANNELS = 16;

/**
 * Direct convolution loops for layers with few output channels (the course CNN: 1 → 4 channels, 5×5). There
 * an im2col patch matrix would be K times the input (25×, 4 MB at batch 32) for a GEMM with only Co columns;
 * reading the input in place with four output channels per pass in registers is faster. Sums are float64.
 */

/**
 * out[b,yR,yC,co] = Σ over taps inside the input of x · w. One output row at a time: for each filter tap,
 * a pass along the row adding x · w for four output channels into a float64 row buffer (Wo·Co doubles,
 * L1-resident). Inner loops run the length of the row instead of the length of a filter row.
 */
export function conv2dDirect(xv: Float32Array, wv: Float32Array, g: ConvGeometry, out: Float32Array): void {
  const { inHeight: H, inWidth: W, inChannels: Ci, outHeight: Ho, outWidth: Wo, outChannels: Co } = g;
  const { filterHeight: Kh, filterWidth: Kw, strideHeight: sh, strideWidth: sw, padTop, padLeft } = g;
  const xStep = sw * Ci;
  const row = new Float64Array(Wo * Co);
  for (let b = 0; b < g.batch; b++) {
    for (let yR = 0; yR < Ho; yR++) {
      row.fill(0);
      for (let kh = 0; kh < Kh; kh++) {
        const xR = yR * sh - padTop + kh;
        if (xR < 0 || xR >= H) continue;
        for (let kw = 0; kw < Kw; kw++) {
          const yCMin = Math.max(0, Math.ceil((padLeft - kw) / sw));
          const yCMax = Math.min(Wo, Math.ceil((W + padLeft - kw) / sw));
          const xBase = ((b * H + xR) * W + yCMin * sw - padLeft + kw) * Ci;
          if (Co < 4) {
            // Few output channels (Conv2DBackpropInput of a 1-channel input lands here): reduce over the input
            // channels in registers first, so the row buffer is updated once per tap, not once per channel.
            const wTap = (kh * Kw + kw) * Ci * Co;
            for (let co = 0; co < Co; co++) {
              for (let yC = yCMin, xi = xBase, r = yCMin * Co + co; yC < yCMax; yC++, xi += xStep, r += Co) {
                let s = 0;
                for (let ci = 0, wi = wTap + co; ci < Ci; ci++, wi += Co) s += xv[xi + ci] * wv[wi];
                row[r] += s;
              }
            }
            continue;
          }
          for (let ci = 0; ci < Ci; ci++) {
            const wOff = ((kh * Kw + kw) * Ci + ci) * Co;
            let co = 0;
            for (; co + 3 < Co; co += 4) {
              const w0 = wv[wOff + co];
              const w1 = wv[wOff + co + 1];
              const w2 = wv[wOff + co + 2];
              const w3 = wv[wOff + co + 3];
              let xi = xBase + ci;
              for (let yC = yCMin, r = yCMin * Co + co; yC < yCMax; yC++, xi += xStep, r += Co) {
                const v = xv[xi];
                row[r] += v * w0;
                row[r + 1] += v * w1;
                row[r + 2] += v * w2;
                row[r + 3] += v * w3;
              }
            }
            for (; co < Co; co++) {
              const w0 = wv[wOff + co];
              let xi = xBase + ci;
              for (let yC = yCMin, r = yCMin * Co + co; yC < yCMax; yC++, xi += xStep, r += Co) row[r] += xv[xi] * w0;
            }
          }
        }
      }
      out.set(row, (b * Ho + yR) * Wo * Co);
    }
  }
}

/** dW[kh,kw,ci,co] = Σ over output pixels whose tap lands inside the input of x · dy. */
export function conv2dBackpropFilterDirect(
  xv: Float32Array,
  dyv: Float32Array,
  g: ConvGeometry,
  dW: Float32Array,
): void {
  const { inHeight: H, inWidth: W, inChannels: Ci, outHeight: Ho, outWidth: Wo, outChannels: Co } = g;
  const { filterHeight: Kh, filterWidth: Kw, strideHeight: sh, strideWidth: sw, padTop, padLeft } = g;
  const xStep = sw * Ci;
  for (let kh = 0; kh < Kh; kh++) {
    for (let kw = 0; kw < Kw; kw++) {
      const yCMin = Math.max(0, Math.ceil((padLeft - kw) / sw));
      const yCMax = Math.min(Wo, Math.ceil((W + padLeft - kw) / sw));
      for (let ci = 0; ci < Ci; ci++) {
        const wOff = ((kh * Kw + kw) * Ci + ci) * Co;
        let co = 0;
        for (; co + 3 < Co; co += 4) {
          let s0 = 0;
          let s1 = 0;
          let s2 = 0;
          let s3 = 0;
          for (let b = 0; b < g.batch; b++) {
            for (let yR = 0; yR < Ho; yR++) {
              const xR = yR * sh - padTop + kh;
              if (xR < 0 || xR >= H) continue;
              let xi = ((b * H + xR) * W + yCMin * sw - padLeft + kw) * Ci + ci;
              let di = ((b * Ho + yR) * Wo + yCMin) * Co + co;
              for (let yC = yCMin; yC < yCMax; yC++, xi += xStep, di += Co) {
                const v = xv[xi];
                s0 += v * dyv[di];
                s1 += v * dyv[di + 1];
                s2 += v * dyv[di + 2];
                s3 += v * dyv[di + 3];
              }
            }
          }
          dW[wOff + co] = s0;
          dW[wOff + co + 1] = s1;
          dW[wOff + co + 2] = s2;
          dW[wOff + co + 3] = s3;
        }
        for (; co < Co; co++) {
          let s = 0;
          for (let b = 0; b < g.batch; b++) {
            for (let yR = 0; yR < Ho; yR++) {
              const xR = yR * sh - padTop + kh;
              if (xR < 0 || xR >= H) continue;
              let xi = ((b * H + xR) * W + yCMin * sw - padLeft + kw) * Ci + ci;
              let di = ((b * Ho + yR) * Wo + yCMin) * Co + co;
              for (let yC = yCMin; yC < yCMax; yC++, xi += xStep, di += Co) s += xv[xi] * dyv[di];
            }
          }
          dW[wOff + co] = s;
        }
      }
    }
  }
}
