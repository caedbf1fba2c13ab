import type { ExportPlan, PlannedLayer } from '../export-plan';
import { generatedHeader } from '../generated-header';
import { pythonNames, pyString, pyTuple } from '../python-names';
import { weightSpecs } from '../weights/weight-specs';
import { KERAS_LAYERS } from './keras-layers';

const MAXOUT_LAYER = `@keras.utils.register_keras_serializable(package='LayerLab')
class Maxout(layers.Layer):
    """Maxout (Goodfellow et al., 2013): each output is the largest of \`pieces\` linear functions of the input."""

    def __init__(self, units, pieces, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.pieces = pieces

    def build(self, input_shape):
        width = self.units * self.pieces
        self.kernel = self.add_weight(name='kernel', shape=(input_shape[-1], width), initializer='glorot_uniform')
        self.bias = self.add_weight(name='bias', shape=(width,), initializer='zeros')

    def call(self, inputs):
        # Column j * pieces + k of the kernel is piece k of output j, as in LayerLab.
        z = tf.matmul(inputs, self.kernel) + self.bias
        return tf.reduce_max(tf.reshape(z, (-1, self.units, self.pieces)), axis=-1)

    def get_config(self):
        return {**super().get_config(), 'units': self.units, 'pieces': self.pieces}`;

/** model.py for Keras: the graph in the functional API, layer names kept, weights loadable from weights.npz. */
export function renderKerasModel(plan: ExportPlan): string {
  const names = pythonNames(plan);
  const variable = (layer: PlannedLayer) => (layer === plan.input ? 'inputs' : names.get(layer.id)!);
  const lines: string[] = [
    `inputs = keras.Input(shape=${pyTuple(plan.input.outputShape)}, name=${pyString(plan.input.name)})`,
  ];
  let usesMaxout = false;
  for (const layer of plan.layers) {
    if (layer.kind === 'Input') continue;
    const rule = KERAS_LAYERS[layer.kind](layer);
    usesMaxout ||= rule.custom === 'Maxout';
    const inputs = layer.inputs.map((id) => variable(plan.byId.get(id)!));
    const argument = inputs.length === 1 ? inputs[0] : `[${inputs.join(', ')}]`;
    lines.push(`${variable(layer)} = ${rule.call}(${argument})`);
  }
  lines.push(`return keras.Model(inputs, ${variable(plan.output)}, name='layerlab')`);
  const weightNames = plan.layers
    .map((layer) => [layer.name, weightSpecs(layer).map((spec) => spec.role)] as const)
    .filter(([, roles]) => roles.length > 0)
    .map(
      ([name, roles]) => `    ${pyString(name)}: (${roles.map(pyString).join(', ')}${roles.length === 1 ? ',' : ''}),`,
    );

  return `${generatedHeader(plan.projectName, '#')}
"""The LayerLab project "${plan.projectName}" as a Keras model (functional API), layer names kept.

Keras, like LayerLab, keeps images channels-last (N, H, W, C), so weights exported from LayerLab (weights.npz, see
load_weights) load unchanged and give LayerLab's predictions. Works with TensorFlow 2's tf.keras and with Keras 3.
"""
import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

INPUT_SHAPE = ${pyTuple(plan.input.outputShape)}
OUTPUT_SHAPE = ${pyTuple(plan.output.outputShape)}
PARAMETERS = ${plan.totalParams}  # as LayerLab counts them; build_model().count_params() agrees

# The weights of each layer in weights.npz ('<layer>/<role>'), in the order set_weights takes them.
WEIGHT_NAMES = {
${weightNames.join('\n')}
}
${usesMaxout ? `\n\n${MAXOUT_LAYER}\n` : ''}

def build_model():
${lines.map((line) => `    ${line}`).join('\n')}


def load_weights(model, path='weights.npz'):
    """Loads weights exported by LayerLab (layerlab export --format keras --from RUN_DIR)."""
    with np.load(path, allow_pickle=False) as data:
        for name, roles in WEIGHT_NAMES.items():
            model.get_layer(name).set_weights([data[f'{name}/{role}'] for role in roles])
    return model
`;
}
