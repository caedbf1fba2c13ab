import { backend_util, util, type TensorInfo } from '@tensorflow/tfjs';
import { allocFloat32, float32Values, sizeOf, type KernelArgs } from './cpu-tensor';

/**
 * Sum over a contiguous block of axes at either end of the shape (the bias gradient reduces axis 0, losses
 * reduce the last axes) without the transpose the stock kernel makes first. Sums run in float64 in the same
 * element order as stock. Other axis sets and non-float32 inputs go to the stock kernel.
 */
export function sum({ inputs, backend, attrs = {} }: KernelArgs): TensorInfo | null {
  const { x } = inputs;
  const xv = float32Values(backend, x);
  if (x == null || xv == null) return null;
  const rank = x.shape.length;
  const axes = [...util.parseAxisParam(attrs.axis as number | number[], x.shape)].sort((p, q) => p - q);
  const outShape = x.shape.filter((_, i) => !axes.includes(i));
  const shape = attrs.keepDims === true ? backend_util.expandShapeToKeepDim(outShape, axes) : outShape;
  const contiguous = axes.every((axis, i) => i === 0 || axis === axes[i - 1] + 1);
  if (!contiguous) return null;
  const outSize = sizeOf(outShape);
  const out = allocFloat32(outSize);
  if (axes.length === 0) {
    out.set(xv);
  } else if (axes[axes.length - 1] === rank - 1) {
    const reduce = sizeOf(x.shape.slice(axes[0]));
    for (let i = 0; i < outSize; i++) {
      let s = 0;
      const off = i * reduce;
      for (let j = 0; j < reduce; j++) s += xv[off + j];
      out[i] = s;
    }
  } else if (axes[0] === 0) {
    const reduce = sizeOf(x.shape.slice(0, axes.length));
    const acc = new Float64Array(outSize);
    for (let r = 0; r < reduce; r++) {
      const off = r * outSize;
      for (let j = 0; j < outSize; j++) acc[j] += xv[off + j];
    }
    out.set(acc);
  } else {
    return null;
  }
  return backend.makeTensorInfo(shape, 'float32', out);
}
