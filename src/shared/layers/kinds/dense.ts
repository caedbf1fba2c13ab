import { defineLayer } from '../layer-definition';
import { ACTIVATION_FIELD, KERNEL_INITIALIZER_FIELD, TRAINABLE_FIELD, USE_BIAS_FIELD } from '../common-fields';
import { booleanOf, numberOf, stringOf } from '../config-values';
import { shapeOk } from '../shape-result';

export const DENSE_LAYER = defineLayer({
  kind: 'Dense',
  displayName: 'Dense',
  category: 'Core',
  unitsField: 'units',
  fields: [
    {
      key: 'units',
      label: 'Units',
      type: 'int',
      default: 32,
      min: 1,
      help: 'Number of neurons, i.e. of outputs. For the output layer of a classifier: the number of classes.',
    },
    ACTIVATION_FIELD,
    USE_BIAS_FIELD,
    KERNEL_INITIALIZER_FIELD,
    TRAINABLE_FIELD,
  ],
  inputs: { min: 1, max: 1 },
  explanation:
    'A fully connected layer: every output neuron computes a weighted sum of all inputs plus a bias and passes it through the activation function. Stacking Dense layers gives the feed-forward network of the course (1296 → 128 → 32 → 5). On an input with several axes it works on the last axis only, so put a Flatten after convolutions before the classifier. Its weights can come from an earlier run: the seminar’s layer-wise pre-training trains the autoencoder template, starts the pretrained-classifier template (the same encoder under a 5-class output) from it with `layerlab train --init-from`, first with the encoder frozen (untick Trainable) while the output layer learns, then unfrozen to fine-tune.',
  formula: 'y = f(Wx + b)',
  // tfjs applies Dense to the last axis: [...rest, last] → [...rest, units].
  outputShape: (inputs, config) => shapeOk([...inputs[0].slice(0, -1), numberOf(config, 'units')]),
  paramCount: (inputs, config) => {
    const inFeatures = inputs[0][inputs[0].length - 1];
    const units = numberOf(config, 'units');
    return { trainable: inFeatures * units + (booleanOf(config, 'useBias') ? units : 0), nonTrainable: 0 };
  },
  summary: (config) => `${numberOf(config, 'units')} · ${stringOf(config, 'activation')}`,
});
