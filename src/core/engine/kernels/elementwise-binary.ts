import { backend_util, type TensorInfo } from '@tensorflow/tfjs';
import { allocFloat32, float32Values, sizeOf, type KernelArgs } from './cpu-tensor';

type BinaryLoop = (a: Float32Array, b: Float32Array, out: Float32Array) => void;
type Op = (x: number, y: number) => number;

/**
 * Element strides of `shape` as seen from an output of rank `rank`: 0 along every broadcast (missing or
 * size-1) dimension, so one index walk serves both operands.
 */
function broadcastStrides(shape: number[], out: number[]): number[] {
  const rank = out.length;
  const strides = new Array<number>(rank).fill(0);
  let stride = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const o = rank - shape.length + i;
    strides[o] = shape[i] === 1 && out[o] !== 1 ? 0 : stride;
    stride *= shape[i];
  }
  return strides;
}

/**
 * General broadcasting (a [32,128,1] max against its [32,128,4] input, as the Maxout gradient does): walks
 * the output in order with an odometer over the outer dims and a strided inner loop over the last one.
 * The stock kernel recomputes both source indices from scratch for every element.
 */
function broadcastLoop(
  op: Op,
  av: Float32Array,
  aShape: number[],
  bv: Float32Array,
  bShape: number[],
  shape: number[],
  out: Float32Array | Uint8Array,
): void {
  const rank = shape.length;
  const as = broadcastStrides(aShape, shape);
  const bs = broadcastStrides(bShape, shape);
  const inner = shape[rank - 1];
  const aStep = as[rank - 1];
  const bStep = bs[rank - 1];
  const counter = new Array<number>(rank).fill(0);
  let ai = 0;
  let bi = 0;
  for (let o = 0; o < out.length; o += inner) {
    for (let j = 0, x = ai, y = bi; j < inner; j++, x += aStep, y += bStep) out[o + j] = op(av[x], bv[y]);
    // advance the odometer over dims rank-2 … 0
    for (let d = rank - 2; d >= 0; d--) {
      counter[d]++;
      ai += as[d];
      bi += bs[d];
      if (counter[d] < shape[d]) break;
      ai -= as[d] * shape[d];
      bi -= bs[d] * shape[d];
      counter[d] = 0;
    }
  }
}

/**
 * The stock binary kernels compute `op(a[i % na], b[i % nb])` through a closure per element, or rebuild
 * both indices per element when a dimension broadcasts; these loops are written out per op (V8 keeps each
 * monomorphic) for the layouts training produces: same size, one side repeating (a bias row, a scalar),
 * and general broadcasting. Int dtypes and complex go to the stock kernel.
 */
function binaryKernel(same: BinaryLoop, repeatB: BinaryLoop, repeatA: BinaryLoop, op: Op) {
  return ({ inputs, backend }: KernelArgs): TensorInfo | null => {
    const { a, b } = inputs;
    const av = float32Values(backend, a);
    const bv = float32Values(backend, b);
    if (a == null || b == null || av == null || bv == null) return null;
    let shape: number[];
    try {
      shape = backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
    } catch {
      return null; // stock raises the descriptive shape error
    }
    const n = sizeOf(shape);
    const out = allocFloat32(n);
    if (n > 0) {
      const plain =
        backend_util.getBroadcastDims(a.shape, shape).length + backend_util.getBroadcastDims(b.shape, shape).length ===
        0;
      if (plain && av.length === n && bv.length === n) same(av, bv, out);
      else if (plain && av.length === n && n % bv.length === 0) repeatB(av, bv, out);
      else if (plain && bv.length === n && n % av.length === 0) repeatA(av, bv, out);
      else broadcastLoop(op, av, a.shape, bv, b.shape, shape, out);
    }
    return backend.makeTensorInfo(shape, 'float32', out);
  };
}

/** Equal on float32 operands, bool (Uint8Array) result as stock; used by the max/min gradients. */
export function equal({ inputs, backend }: KernelArgs): TensorInfo | null {
  const { a, b } = inputs;
  const av = float32Values(backend, a);
  const bv = float32Values(backend, b);
  if (a == null || b == null || av == null || bv == null) return null;
  let shape: number[];
  try {
    shape = backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
  } catch {
    return null;
  }
  const out = new Uint8Array(sizeOf(shape));
  if (out.length > 0) broadcastLoop((x, y) => (x === y ? 1 : 0), av, a.shape, bv, b.shape, shape, out);
  return backend.makeTensorInfo(shape, 'bool', out);
}

export const add = binaryKernel(
  (a, b, o) => {
    for (let i = 0; i < o.length; i++) o[i] = a[i] + b[i];
  },
  (a, b, o) => {
    const m = b.length;
    for (let s = 0; s < o.length; s += m) for (let j = 0; j < m; j++) o[s + j] = a[s + j] + b[j];
  },
  (a, b, o) => {
    const m = a.length;
    for (let s = 0; s < o.length; s += m) for (let j = 0; j < m; j++) o[s + j] = a[j] + b[s + j];
  },
  (x, y) => x + y,
);

export const sub = binaryKernel(
  (a, b, o) => {
    for (let i = 0; i < o.length; i++) o[i] = a[i] - b[i];
  },
  (a, b, o) => {
    const m = b.length;
    for (let s = 0; s < o.length; s += m) for (let j = 0; j < m; j++) o[s + j] = a[s + j] - b[j];
  },
  (a, b, o) => {
    const m = a.length;
    for (let s = 0; s < o.length; s += m) for (let j = 0; j < m; j++) o[s + j] = a[j] - b[s + j];
  },
  (x, y) => x - y,
);

export const multiply = binaryKernel(
  (a, b, o) => {
    for (let i = 0; i < o.length; i++) o[i] = a[i] * b[i];
  },
  (a, b, o) => {
    const m = b.length;
    for (let s = 0; s < o.length; s += m) for (let j = 0; j < m; j++) o[s + j] = a[s + j] * b[j];
  },
  (a, b, o) => {
    const m = a.length;
    for (let s = 0; s < o.length; s += m) for (let j = 0; j < m; j++) o[s + j] = a[j] * b[s + j];
  },
  (x, y) => x * y,
);

export const realDiv = binaryKernel(
  (a, b, o) => {
    for (let i = 0; i < o.length; i++) o[i] = a[i] / b[i];
  },
  (a, b, o) => {
    const m = b.length;
    for (let s = 0; s < o.length; s += m) for (let j = 0; j < m; j++) o[s + j] = a[s + j] / b[j];
  },
  (a, b, o) => {
    const m = a.length;
    for (let s = 0; s < o.length; s += m) for (let j = 0; j < m; j++) o[s + j] = a[j] / b[s + j];
  },
  (x, y) => x / y,
);
