import type { Shape } from '../../../shared/graph/model-graph';

/** One weight tensor in tfjs's layout (Dense kernel [in, out], Conv2D kernel [h, w, in, out]), float32, row-major. */
export interface WeightTensor {
  shape: Shape;
  values: Float32Array;
}

/** A layer's weights by role (`kernel`, `bias`, `gamma`, `beta`, `moving_mean`, `moving_variance`). */
export type LayerWeights = Map<string, WeightTensor>;

/** A model's weights by layer name, then role: what is matched against a graph's layers by name. */
export type NamedWeights = Map<string, LayerWeights>;

/** Splits tfjs/Keras weight names (`dense-1/kernel`, `model/conv2d/bias`) into layer name and role. */
export function groupWeightsByLayer(flat: ReadonlyMap<string, WeightTensor>): NamedWeights {
  const grouped: NamedWeights = new Map();
  for (const [name, tensor] of flat) {
    const cut = name.lastIndexOf('/');
    const layer = cut < 0 ? '' : name.slice(0, cut);
    const role = name.slice(cut + 1).replace(/:\d+$/, '');
    let roles = grouped.get(layer);
    if (roles == null) grouped.set(layer, (roles = new Map()));
    roles.set(role, tensor);
  }
  return grouped;
}

export function countWeights(weights: NamedWeights): number {
  let total = 0;
  for (const roles of weights.values()) for (const tensor of roles.values()) total += tensor.values.length;
  return total;
}
