import type { NpyData } from '../../datasets/npz-writer';
import type { ExportPlan } from '../export-plan';
import { pythonNames } from '../python-names';
import type { NamedWeights } from '../weights/named-weights';
import { TORCH_LAYERS } from './torch-layers';

/** weights.npz for model.py: one array per state_dict key (`conv2d_1.weight`), in PyTorch's layouts. */
export function torchStateArrays(plan: ExportPlan, weights: NamedWeights): Record<string, NpyData> {
  const names = pythonNames(plan);
  const arrays: Record<string, NpyData> = {};
  for (const layer of plan.layers) {
    if (layer.kind === 'Input') continue;
    const layerWeights = weights.get(layer.name);
    if (layerWeights == null) continue;
    for (const [key, tensor] of TORCH_LAYERS[layer.kind].state(layerWeights)) {
      arrays[`${names.get(layer.id)}.${key}`] = { dtype: 'float32', shape: tensor.shape, values: tensor.values };
    }
  }
  return arrays;
}
