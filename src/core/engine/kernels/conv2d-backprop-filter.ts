import type { TensorInfo } from '@tensorflow/tfjs';
import { conv2dGeometry } from './conv-geometry';
import { float32Values, type KernelArgs } from './cpu-tensor';
import {
  gemm,
  im2col,
  patchCols,
  patchRows,
  poolGeometryArgs,
  rowMajor,
  transposedOf,
  usesDirectLoops,
} from './wasm/wasm-ops';
import { wasmKernels } from './wasm/wasm-kernels';

/**
 * Conv2DBackpropFilter (NHWC): dW[K×Co] = patchesᵀ[K×M] · dy[M×Co], the patch matrix read transposed in place
 * (the GEMM packs it), dy already [M×Co] row-major; or the direct loops for few output channels.
 */
export function conv2dBackpropFilter({ inputs, backend, attrs = {} }: KernelArgs): TensorInfo | null {
  const { x, dy } = inputs;
  const xv = float32Values(backend, x);
  const dyv = float32Values(backend, dy);
  const filterShape = attrs.filterShape as number[] | undefined;
  const w = wasmKernels();
  if (x == null || dy == null || xv == null || dyv == null || filterShape == null || w == null) return null;
  const g = conv2dGeometry(x.shape, filterShape, attrs);
  if (g == null) return null;
  const M = patchRows(g);
  const K = patchCols(g);
  const Co = g.outChannels;
  w.begin();
  const dW = w.alloc(K * Co * 4);
  if (usesDirectLoops(g)) {
    w.run('convFilterGradDirect', [w.write(xv), ...poolGeometryArgs(g), w.write(dyv), Co, dW], 2 * M * K * Co);
  } else {
    const patches = im2col(w, w.write(xv), g);
    gemm(w, K, Co, M, transposedOf(patches, K), rowMajor(w.write(dyv), Co), dW, Co);
  }
  return backend.makeTensorInfo([g.filterHeight, g.filterWidth, g.inChannels, Co], 'float32', w.read(dW, K * Co));
}
