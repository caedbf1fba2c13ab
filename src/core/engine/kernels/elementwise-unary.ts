import type { TensorInfo } from '@tensorflow/tfjs';
import { allocFloat32, float32Values, type KernelArgs } from './cpu-tensor';

type UnaryLoop = (x: Float32Array, out: Float32Array, attrs: Record<string, unknown>) => void;

/** float32 in, float32 out, one written-out loop per op (formulas exactly as tfjs-backend-cpu's). */
function unaryKernel(loop: UnaryLoop) {
  return ({ inputs, backend, attrs = {} }: KernelArgs): TensorInfo | null => {
    const { x } = inputs;
    const xv = float32Values(backend, x);
    if (x == null || xv == null) return null;
    const out = allocFloat32(xv.length);
    loop(xv, out, attrs);
    return backend.makeTensorInfo(x.shape, 'float32', out);
  };
}

export const relu = unaryKernel((x, o) => {
  for (let i = 0; i < o.length; i++) o[i] = Math.max(0, x[i]);
});

export const relu6 = unaryKernel((x, o) => {
  for (let i = 0; i < o.length; i++) o[i] = Math.min(Math.max(0, x[i]), 6);
});

export const sigmoid = unaryKernel((x, o) => {
  for (let i = 0; i < o.length; i++) o[i] = 1 / (1 + Math.exp(-x[i]));
});

export const sqrt = unaryKernel((x, o) => {
  for (let i = 0; i < o.length; i++) o[i] = Math.sqrt(x[i]);
});

export const square = unaryKernel((x, o) => {
  for (let i = 0; i < o.length; i++) o[i] = x[i] * x[i];
});

export const exp = unaryKernel((x, o) => {
  for (let i = 0; i < o.length; i++) o[i] = Math.exp(x[i]);
});

export const log = unaryKernel((x, o) => {
  for (let i = 0; i < o.length; i++) o[i] = Math.log(x[i]);
});

export const neg = unaryKernel((x, o) => {
  for (let i = 0; i < o.length; i++) o[i] = -x[i];
});

/** Step is how tfjs differentiates relu: 1 above zero, `alpha` (0 for relu) elsewhere, NaN stays NaN. */
export const step = unaryKernel((x, o, attrs) => {
  const alpha = attrs.alpha as number;
  for (let i = 0; i < o.length; i++) {
    const v = x[i];
    o[i] = v !== v ? NaN : v > 0 ? 1 : alpha;
  }
});

export const elu = unaryKernel((x, o) => {
  for (let i = 0; i < o.length; i++) o[i] = x[i] >= 0 ? x[i] : Math.exp(x[i]) - 1;
});

export const leakyRelu = unaryKernel((x, o, attrs) => {
  const alpha = attrs.alpha as number;
  for (let i = 0; i < o.length; i++) o[i] = x[i] < 0 ? alpha * x[i] : x[i];
});
