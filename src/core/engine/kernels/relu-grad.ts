import * as tf from '@tensorflow/tfjs';
import type { GradConfig, TensorInfo } from '@tensorflow/tfjs';
import { allocFloat32, float32Values, type KernelArgs } from './cpu-tensor';

/** LayerLab's own kernel: the ReLU gradient in one pass. */
export const RELU_GRAD_KERNEL = 'LayerLabReluGrad';

/**
 * dy · step(x) as stock computes it (step: 1 above zero, 0 elsewhere, NaN for NaN), in one pass and one
 * allocation instead of a Step tensor and a Multiply — on the wide CNN's first conv layer those are two 5 MB
 * intermediates per step.
 */
export function reluGrad({ inputs, backend }: KernelArgs): TensorInfo {
  const { dy, x } = inputs;
  const dyv = float32Values(backend, dy);
  const xv = float32Values(backend, x);
  if (dy == null || dyv == null || xv == null || dyv.length !== xv.length) {
    // fusedReluGradConfig only calls it for float32 tensors of one shape
    throw new Error(`${RELU_GRAD_KERNEL}: needs float32 dy and x of the same shape`);
  }
  const out = allocFloat32(xv.length);
  for (let i = 0; i < out.length; i++) {
    const v = xv[i];
    out[i] = dyv[i] * (v !== v ? NaN : v > 0 ? 1 : 0);
  }
  return backend.makeTensorInfo(dy.shape, 'float32', out);
}

/**
 * The Relu gradient config to register while the fast kernels are on: the fused kernel on the cpu backend for
 * float32 tensors of one shape, tfjs's own gradient (`stock`) for anything else.
 */
export function fusedReluGradConfig(stock: GradConfig): GradConfig {
  return {
    ...stock,
    gradFunc: (dy, saved, attrs) => {
      const [x] = saved;
      const dyT = dy as tf.Tensor;
      if (
        tf.getBackend() === 'cpu' &&
        dyT.dtype === 'float32' &&
        x.dtype === 'float32' &&
        tf.util.arraysEqual(dyT.shape, x.shape)
      ) {
        return { x: () => tf.engine().runKernel(RELU_GRAD_KERNEL, { dy: dyT, x }) as tf.Tensor };
      }
      return stock.gradFunc(dy, saved, attrs);
    },
  };
}
