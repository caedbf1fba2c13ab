import type { WeightTensor } from './weights/named-weights';

/** `values` permuted like `numpy.transpose(values, perm)`: output axis i is input axis perm[i]. */
export function transpose(tensor: WeightTensor, perm: readonly number[]): WeightTensor {
  const { shape, values } = tensor;
  const rank = shape.length;
  const outShape = perm.map((axis) => shape[axis]);
  const inStrides = new Array<number>(rank);
  for (let axis = rank - 1, stride = 1; axis >= 0; axis--) {
    inStrides[axis] = stride;
    stride *= shape[axis];
  }
  const strides = perm.map((axis) => inStrides[axis]);
  const out = new Float32Array(values.length);
  const index = new Array<number>(rank).fill(0);
  let from = 0;
  for (let to = 0; to < out.length; to++) {
    out[to] = values[from];
    for (let axis = rank - 1; axis >= 0; axis--) {
      index[axis]++;
      from += strides[axis];
      if (index[axis] < outShape[axis]) break;
      from -= strides[axis] * outShape[axis];
      index[axis] = 0;
    }
  }
  return { shape: outShape, values: out };
}

/** Dense/Maxout kernel [in, out] → PyTorch Linear weight [out, in]. */
export const KERNEL_2D_TO_OUT_IN = [1, 0] as const;
/** Conv2D kernel [h, w, in, out] → PyTorch/ONNX Conv weight [out, in, h, w]. */
export const KERNEL_HWIO_TO_OIHW = [3, 2, 0, 1] as const;
