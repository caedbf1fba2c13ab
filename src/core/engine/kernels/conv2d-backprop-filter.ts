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
import { kernelsFor } from './resident-tensors';

/**
 * Conv2DBackpropFilter (NHWC): dW[K×Co] = patchesᵀ[K×M] · dy[M×Co], the patch matrix read transposed in place
 * (the GEMM packs it), dy already [M×Co] row-major; or the direct loops for few output channels.
 */
export function conv2dBackpropFilter({ inputs, backend, attrs = {} }: KernelArgs): TensorInfo | null {
  const { x, dy } = inputs;
  const xv = float32Values(backend, x);
  const dyv = float32Values(backend, dy);
  const filterShape = attrs.filterShape as number[] | undefined;
  const w = kernelsFor(backend);
  if (x == null || dy == null || xv == null || dyv == null || filterShape == null || w == null) return null;
  const g = conv2dGeometry(x.shape, filterShape, attrs);
  if (g == null) return null;
  const M = patchRows(g);
  const K = patchCols(g);
  const Co = g.outChannels;
  return w.scope((s) => {
    const dW = s.output(K * Co);
    if (usesDirectLoops(g)) {
      const args = [s.input(xv), ...poolGeometryArgs(g), s.input(dyv), Co, dW.byteOffset];
      w.run('convFilterGradDirect', args, 2 * M * K * Co);
    } else {
      const patches = im2col(s, s.input(xv), g);
      gemm(s, K, Co, M, transposedOf(patches, K), rowMajor(s.input(dyv), Co), dW.byteOffset, Co);
    }
    return backend.makeTensorInfo([g.filterHeight, g.filterWidth, g.inChannels, Co], 'float32', dW);
  });
}
