import * as tf from '@tensorflow/tfjs';
import { InteropError } from '../interop-error';
import type { LayerWeights, NamedWeights, WeightTensor } from './named-weights';

/** Every weight of a built tfjs model, by layer name and role. */
export function weightsFromModel(model: tf.LayersModel): NamedWeights {
  const weights: NamedWeights = new Map();
  for (const layer of model.layers) {
    if (layer.weights.length === 0) continue;
    const roles: LayerWeights = new Map();
    for (const variable of layer.weights) {
      const tensor = variable.read();
      roles.set(roleOf(variable.originalName, layer.name), {
        shape: [...tensor.shape],
        values: Float32Array.from(tensor.dataSync()),
      });
    }
    weights.set(layer.name, roles);
  }
  return weights;
}

/**
 * Sets the weights of the model's layers named in `weights` (each must bring every role the layer holds, with
 * its shape: check with `matchWeights` first); other layers keep theirs. Returns the names of the layers set.
 */
export function applyWeights(model: tf.LayersModel, weights: NamedWeights): string[] {
  const applied: string[] = [];
  for (const layer of model.layers) {
    const roles = weights.get(layer.name);
    if (roles == null || layer.weights.length === 0) continue;
    const tensors = layer.weights.map((variable) => {
      const role = roleOf(variable.originalName, layer.name);
      const found: WeightTensor | undefined = roles.get(role);
      if (found == null) throw new InteropError(`layer "${layer.name}" is given no ${role}`);
      return tf.tensor(found.values, found.shape, 'float32');
    });
    try {
      layer.setWeights(tensors);
    } finally {
      tf.dispose(tensors);
    }
    applied.push(layer.name);
  }
  return applied;
}

/** `dense-1/kernel` → `kernel` (tfjs names a layer's variables `<layer>/<role>`). */
function roleOf(variableName: string, layerName: string): string {
  return variableName.startsWith(`${layerName}/`)
    ? variableName.slice(layerName.length + 1)
    : variableName.slice(variableName.lastIndexOf('/') + 1);
}
