import { TRAINABLE_FIELD } from '../common-fields';
import { defineLayer } from '../layer-definition';
import { numberOf } from '../config-values';
import { formatShape } from '../shape-math';
import { shapeError, shapeOk } from '../shape-result';

export const MAXOUT_LAYER = defineLayer({
  kind: 'Maxout',
  displayName: 'Maxout',
  category: 'Core',
  unitsField: 'units',
  fields: [
    { key: 'units', label: 'Units', type: 'int', default: 32, min: 1, help: 'Number of outputs.' },
    {
      key: 'pieces',
      label: 'Pieces',
      type: 'int',
      default: 2,
      min: 2,
      help: 'Linear pieces per output (k): each output is the largest of k weighted sums.',
    },
    TRAINABLE_FIELD,
  ],
  inputs: { min: 1, max: 1 },
  explanation:
    'A learnable activation (Goodfellow et al., 2013): each output computes k weighted sums of the inputs and keeps the largest. With two pieces it can learn ReLU (one piece fixed at zero) or an absolute value, and with more pieces any convex piecewise-linear function. It costs k times the weights of a Dense layer. It needs a one-dimensional input: put a Flatten before it after convolutions.',
  formula: 'h_i = max_{j∈1..k} (w_ij·x + b_ij)',
  outputShape: (inputs, config) => {
    const input = inputs[0];
    if (input.length !== 1) {
      return shapeError(
        'needs-flat',
        `Maxout needs a one-dimensional input but gets ${formatShape(input)}. Insert a Flatten before it.`,
        { type: 'insert-flatten' },
      );
    }
    return shapeOk([numberOf(config, 'units')]);
  },
  paramCount: (inputs, config) => {
    const weights = numberOf(config, 'units') * numberOf(config, 'pieces');
    return { trainable: inputs[0][0] * weights + weights, nonTrainable: 0 };
  },
  summary: (config) => `${numberOf(config, 'units')} · ${numberOf(config, 'pieces')} pieces`,
});
