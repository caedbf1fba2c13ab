import type { TensorInfo } from '@tensorflow/tfjs';
import { pool2dGeometry } from './conv-geometry';
import { poolGeometryArgs } from './wasm/wasm-ops';
import { kernelsFor } from './resident-tensors';
import { allocFloat32, float32Values, scratchFloat64, toFloat32, zeroedFloat32, type KernelArgs } from './cpu-tensor';

/**
 * MaxPoolGrad (NHWC): each dy value goes to the input position that won its window in the forward pass —
 * the first strict maximum in row-major window order, exactly the stock kernel's tie rule (a window with no
 * finite winner, e.g. all NaN, routes nothing). Scattering output by output adds the contributions to one
 * input position in the same (row, column) order as the stock gather, and in float64, so results match bit
 * for bit.
 */
export function maxPoolGrad({ inputs, backend, attrs = {} }: KernelArgs): TensorInfo | null {
  const { dy, input } = inputs;
  const dyv = float32Values(backend, dy);
  const xv = float32Values(backend, input);
  if (input == null || dyv == null || xv == null) return null;
  const g = pool2dGeometry(input.shape, attrs);
  if (g == null) return null;
  const { inHeight: H, inWidth: W, inChannels: C, outHeight: Ho, outWidth: Wo } = g;
  const w = kernelsFor(backend);
  if (w != null && g.strideHeight >= g.filterHeight && g.strideWidth >= g.filterWidth) {
    // disjoint windows (2×2 pooling with stride 2): each input receives at most one dy value, routed in wasm
    const n = g.batch * H * W * C;
    return w.scope((s) => {
      const dx = s.output(n).fill(0); // positions no window covers stay 0
      w.run('maxPoolGradDisjoint', [s.input(xv), s.input(dyv), ...poolGeometryArgs(g), dx.byteOffset], n);
      return backend.makeTensorInfo(input.shape, 'float32', dx);
    });
  }
  // Windows that overlap can route several dy values to one input: sum those in float64 like stock. Without
  // overlap each input receives at most one value, and float32 holds it exactly.
  const overlapping = g.strideHeight < g.filterHeight || g.strideWidth < g.filterWidth;
  const dx = overlapping ? scratchFloat64(g.batch * H * W * C) : zeroedFloat32(g.batch * H * W * C);
  let o = 0;
  for (let b = 0; b < g.batch; b++) {
    for (let yR = 0; yR < Ho; yR++) {
      const rowCorner = yR * g.strideHeight - g.padTop;
      const rMin = Math.max(0, rowCorner);
      const rMax = Math.min(H, rowCorner + g.filterHeight);
      for (let yC = 0; yC < Wo; yC++) {
        const colCorner = yC * g.strideWidth - g.padLeft;
        const cMin = Math.max(0, colCorner);
        const cMax = Math.min(W, colCorner + g.filterWidth);
        for (let d = 0; d < C; d++, o++) {
          let best = Number.NEGATIVE_INFINITY;
          let at = -1;
          for (let r = rMin; r < rMax; r++) {
            let i = ((b * H + r) * W + cMin) * C + d;
            for (let c = cMin; c < cMax; c++, i += C) {
              if (xv[i] > best) {
                best = xv[i];
                at = i;
              }
            }
          }
          if (at >= 0) dx[at] += dyv[o];
        }
      }
    }
  }
  return backend.makeTensorInfo(input.shape, 'float32', dx instanceof Float32Array ? dx : toFloat32(dx));
}

/**
 * AvgPoolGrad (NHWC): spreads each dy value over its window's taps inside the input. Like stock, the
 * multiplier is 1/(filterHeight·filterWidth) even where 'same' padding clipped the window in the forward pass.
 */
export function avgPoolGrad({ inputs, backend, attrs = {} }: KernelArgs): TensorInfo | null {
  const { dy, input } = inputs;
  const dyv = float32Values(backend, dy);
  if (input == null || dyv == null || input.dtype !== 'float32') return null;
  const g = pool2dGeometry(input.shape, attrs);
  if (g == null) return null;
  const { inHeight: H, inWidth: W, inChannels: C, outHeight: Ho, outWidth: Wo } = g;
  const dx = scratchFloat64(g.batch * H * W * C);
  for (let b = 0; b < g.batch; b++) {
    for (let yR = 0; yR < Ho; yR++) {
      const rowCorner = yR * g.strideHeight - g.padTop;
      const rMin = Math.max(0, rowCorner);
      const rMax = Math.min(H, rowCorner + g.filterHeight);
      for (let yC = 0; yC < Wo; yC++) {
        const colCorner = yC * g.strideWidth - g.padLeft;
        const cMin = Math.max(0, colCorner);
        const cMax = Math.min(W, colCorner + g.filterWidth);
        const dyOff = ((b * Ho + yR) * Wo + yC) * C;
        for (let r = rMin; r < rMax; r++) {
          for (let c = cMin; c < cMax; c++) {
            const xOff = ((b * H + r) * W + c) * C;
            for (let d = 0; d < C; d++) dx[xOff + d] += dyv[dyOff + d];
          }
        }
      }
    }
  }
  const multiplier = 1 / (g.filterHeight * g.filterWidth);
  const out = allocFloat32(dx.length);
  for (let i = 0; i < dx.length; i++) out[i] = dx[i] * multiplier;
  return backend.makeTensorInfo(input.shape, 'float32', out);
}
