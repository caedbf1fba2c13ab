import type { TensorInfo } from '@tensorflow/tfjs';
import { conv2dGeometry } from './conv-geometry';
import { float32Values, type KernelArgs } from './cpu-tensor';
import { gemm, im2col, patchCols, patchRows, poolGeometryArgs, rowMajor, usesDirectLoops } from './wasm/wasm-ops';
import { wasmKernels } from './wasm/wasm-kernels';

/**
 * Conv2D (NHWC): out[M×Co] = patches[M×K] · filter[K×Co] (the filter tensor is already [K×Co] row-major), or the
 * direct loops for few output channels (see {@link usesDirectLoops}).
 */
export function conv2d({ inputs, backend, attrs = {} }: KernelArgs): TensorInfo | null {
  const { x, filter } = inputs;
  const xv = float32Values(backend, x);
  const wv = float32Values(backend, filter);
  const w = wasmKernels();
  if (x == null || filter == null || xv == null || wv == null || w == null) return null;
  const g = conv2dGeometry(x.shape, filter.shape, attrs);
  if (g == null) return null;
  const M = patchRows(g);
  const K = patchCols(g);
  const Co = g.outChannels;
  w.begin();
  const out = w.alloc(M * Co * 4);
  if (usesDirectLoops(g)) {
    w.run('convDirect', [w.write(xv), ...poolGeometryArgs(g), w.write(wv), Co, out], 2 * M * K * Co);
  } else {
    const patches = im2col(w, w.write(xv), g);
    gemm(w, M, Co, K, rowMajor(patches, K), rowMajor(w.write(wv), Co), out, Co);
  }
  return backend.makeTensorInfo([g.batch, g.outHeight, g.outWidth, Co], 'float32', w.read(out, M * Co));
}
