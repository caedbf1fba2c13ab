import type { ExportFile } from '../export-file';
import { encodeNpz, type NpyData } from '../../datasets/npz-writer';
import type { ExportPlan } from '../export-plan';
import { exportReadme, type FormatExporter } from '../format-exporter';
import type { NamedWeights } from '../weights/named-weights';
import { weightSpecs } from '../weights/weight-specs';
import { renderKerasModel } from './model-py';
import { renderKerasTrain } from './train-py';

export const KERAS_EXPORTER: FormatExporter = {
  files: async ({ plan, weights, withData }) => {
    const files: ExportFile[] = [
      { name: 'model.py', contents: renderKerasModel(plan) },
      { name: 'train.py', contents: renderKerasTrain(plan) },
    ];
    if (weights) files.push({ name: 'weights.npz', contents: encodeNpz(kerasWeightArrays(plan, weights)) });
    files.push(
      exportReadme(plan.projectName, `"${plan.projectName}" for TensorFlow/Keras`, [
        '- `model.py`: `build_model()` returns the model in the functional API, layer names kept (Maxout is a custom layer).',
        `- \`train.py\`: trains it with the project's settings; prints \`params: ${plan.totalParams}\` and one line per epoch.`,
        ...(weights
          ? ['- `weights.npz`: the trained weights; `load_weights(build_model(), "weights.npz")` loads them.']
          : []),
        ...(withData ? ['- `data.npz`: the training and validation data as LayerLab splits it.'] : []),
        '',
        '```sh',
        'python train.py --epochs 5                    # one device',
        'python train.py --strategy mirrored           # all GPUs of this machine',
        'TF_CONFIG=... python train.py --strategy multiworker   # one process per machine, see train.py',
        '```',
        '',
        'LayerLab checks these files by golden files and by compiling them with Python; TensorFlow itself cannot be',
        'installed where LayerLab is tested, so they are not run there (the PyTorch export is, for real).',
      ]),
    );
    return files;
  },
};

/** weights.npz for model.py: `<layer>/<role>` arrays in tfjs's layout, which Keras shares. */
function kerasWeightArrays(plan: ExportPlan, weights: NamedWeights): Record<string, NpyData> {
  const arrays: Record<string, NpyData> = {};
  for (const layer of plan.layers) {
    const layerWeights = weights.get(layer.name);
    if (layerWeights == null) continue;
    for (const spec of weightSpecs(layer)) {
      const tensor = layerWeights.get(spec.role)!;
      arrays[`${layer.name}/${spec.role}`] = { dtype: 'float32', shape: tensor.shape, values: tensor.values };
    }
  }
  return arrays;
}
