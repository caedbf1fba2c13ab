import * as tf from '@tensorflow/tfjs';
import type { NamedAttrMap } from '@tensorflow/tfjs';
import { isGradientActivation } from './fused-epilogue';
import { FUSED_CONV2D_KERNEL, FUSED_MATMUL_KERNEL } from './fused-layer-kernels';
import { fastKernelsActive } from './registry';

/**
 * An optimization pass over a built model, for training on LayerLab's CPU kernels: each Conv2D and Dense layer
 * runs as one fused kernel (product + bias + activation forward; activation and bias gradients in one pass
 * backward; fused-layer-kernels.ts) instead of the three ops, three full-size tensors and their gradients tfjs
 * makes of it while recording gradients. The model's structure, weights, config and saved form do not change:
 * only the layers' `call` does, and it falls back to the layer's own `call` on any other backend, with the stock
 * kernels, or for inputs the fused kernels do not take. Activations other than linear, ReLU, sigmoid and tanh run
 * after a fused linear layer, as tfjs runs them.
 */
export function fuseLayers(model: tf.LayersModel): tf.LayersModel {
  for (const layer of model.layers) {
    const fused = FUSERS[layer.getClassName()]?.(layer as never);
    if (fused == null) continue;
    const own = layer.call.bind(layer);
    layer.call = (inputs, kwargs) => {
      const x = Array.isArray(inputs) ? (inputs.length === 1 ? inputs[0] : null) : inputs;
      if (x == null || x.dtype !== 'float32' || tf.getBackend() !== 'cpu' || !fastKernelsActive()) {
        return own(inputs, kwargs);
      }
      return tf.tidy(() => fused(x) ?? own(inputs, kwargs));
    };
  }
  return model;
}

/** The fused forward of one layer, or null to run the layer's own call. */
type Fused = (x: tf.Tensor) => tf.Tensor | null;

/** What the pass reads of a tfjs-layers Dense or Conv2D (protected fields there). */
interface WeightedLayer {
  kernel: { read(): tf.Tensor };
  bias: { read(): tf.Tensor } | null;
  activation: { getClassName(): string; apply(x: tf.Tensor): tf.Tensor };
}

interface ConvLayer extends WeightedLayer {
  rank: number;
  strides: number[];
  padding: string;
  dataFormat: string;
  dilationRate: number | number[];
}

const FUSERS: Record<string, (layer: never) => Fused> = {
  Dense:
    (layer: WeightedLayer): Fused =>
    (x) => {
      if (x.rank !== 2) return null;
      return withActivation(layer, (activation) =>
        run(FUSED_MATMUL_KERNEL, { a: x, b: layer.kernel.read(), ...bias(layer) }, { activation }),
      );
    },
  Conv2D:
    (layer: ConvLayer): Fused =>
    (x) => {
      const dilations = [layer.dilationRate].flat();
      if (layer.rank !== 2 || x.rank !== 4 || layer.dataFormat !== 'channelsLast') return null;
      if (layer.padding === 'causal' || dilations.some((d) => d !== 1)) return null;
      return withActivation(layer, (activation) =>
        run(
          FUSED_CONV2D_KERNEL,
          { x, filter: layer.kernel.read(), ...bias(layer) },
          { strides: layer.strides, pad: layer.padding, dataFormat: 'NHWC', dilations: [1, 1], activation },
        ),
      );
    },
};

/** The fused kernel with the layer's activation when it has a fused gradient, else linear then the activation. */
function withActivation(layer: WeightedLayer, kernel: (activation: string) => tf.Tensor): tf.Tensor {
  const name = layer.activation.getClassName();
  if (isGradientActivation(name)) return kernel(name);
  return layer.activation.apply(kernel('linear'));
}

const bias = (layer: WeightedLayer): tf.NamedTensorMap => (layer.bias == null ? {} : { bias: layer.bias.read() });

const run = (name: string, inputs: tf.NamedTensorMap, attrs: NamedAttrMap) =>
  tf.engine().runKernel(name, inputs, attrs) as tf.Tensor;
