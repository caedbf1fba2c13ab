import type { TensorInfo } from '@tensorflow/tfjs';
import { util } from '@tensorflow/tfjs';
import { allocFloat32, sizeOf, type KernelArgs } from './cpu-tensor';

/**
 * GatherV2 with batchDims 0 as block copies: `fit` gathers every batch's rows this way, and the stock kernel
 * reads them element by element through TensorBuffer. Out-of-range indices and other variants go to the
 * stock kernel (which raises its error naming the bad index).
 */
export function gatherV2({ inputs, backend, attrs = {} }: KernelArgs): TensorInfo | null {
  const { x, indices } = inputs;
  if (x == null || indices == null || (attrs.batchDims ?? 0) !== 0) return null;
  if (indices.dtype !== 'int32' || (x.dtype !== 'float32' && x.dtype !== 'int32')) return null;
  const xv = backend.data.get(x.dataId).values;
  const iv = backend.data.get(indices.dataId).values;
  if (!(iv instanceof Int32Array) || !(xv instanceof Float32Array || xv instanceof Int32Array)) return null;
  const axis = util.parseAxisParam(attrs.axis as number, x.shape)[0];
  const dim = x.shape[axis];
  for (let i = 0; i < iv.length; i++) if (iv[i] < 0 || iv[i] >= dim) return null;
  const outer = sizeOf(x.shape.slice(0, axis));
  const inner = sizeOf(x.shape.slice(axis + 1));
  const out =
    x.dtype === 'float32' ? allocFloat32(outer * iv.length * inner) : new Int32Array(outer * iv.length * inner);
  let o = 0;
  for (let p = 0; p < outer; p++) {
    for (let i = 0; i < iv.length; i++, o += inner) {
      const s = (p * dim + iv[i]) * inner;
      out.set(xv.subarray(s, s + inner), o);
    }
  }
  const shape = [...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)];
  return backend.makeTensorInfo(shape, x.dtype, out);
}
