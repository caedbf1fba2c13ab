import type { TensorInfo } from '@tensorflow/tfjs';
import { pool2dGeometry, type ConvGeometry } from './conv-geometry';
import { allocFloat32, float32Values, sizeOf, type KernelArgs } from './cpu-tensor';
import { poolGeometryArgs } from './wasm/wasm-ops';
import { kernelsFor } from './resident-tensors';

type PoolKind = 'max' | 'avg';

/**
 * MaxPool (WebAssembly, four channels per SIMD op) / AvgPool (flat index math in JS), NHWC. Same semantics as stock: max keeps the first strict maximum
 * (NaN never wins), avg divides by the number of taps inside the input (padding is not counted).
 */
function pool(kind: PoolKind, { inputs, backend, attrs = {} }: KernelArgs): TensorInfo | null {
  const { x } = inputs;
  const xv = float32Values(backend, x);
  if (x == null || xv == null) return null;
  const g = pool2dGeometry(x.shape, attrs);
  if (g == null) return null;
  const shape = [g.batch, g.outHeight, g.outWidth, g.inChannels];
  const n = sizeOf(shape);
  if (kind === 'max') {
    const w = kernelsFor(backend);
    if (w == null) return null;
    return w.scope((s) => {
      const out = s.output(n);
      w.run('maxPool', [s.input(xv), ...poolGeometryArgs(g), out.byteOffset], n * g.filterHeight * g.filterWidth);
      return backend.makeTensorInfo(shape, 'float32', out);
    });
  }
  const out = allocFloat32(n);
  avgPoolInto(xv, g, out);
  return backend.makeTensorInfo(shape, 'float32', out);
}

function avgPoolInto(xv: Float32Array, g: ConvGeometry, out: Float32Array): void {
  const { inHeight: H, inWidth: W, inChannels: C, outHeight: Ho, outWidth: Wo } = g;
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
        const count = (rMax - rMin) * (cMax - cMin);
        for (let d = 0; d < C; d++, o++) {
          let sum = 0;
          for (let r = rMin; r < rMax; r++) {
            let i = ((b * H + r) * W + cMin) * C + d;
            for (let c = cMin; c < cMax; c++, i += C) sum += xv[i];
          }
          out[o] = sum / count;
        }
      }
    }
  }
}

export const maxPool = (args: KernelArgs): TensorInfo | null => pool('max', args);
export const avgPool = (args: KernelArgs): TensorInfo | null => pool('avg', args);
