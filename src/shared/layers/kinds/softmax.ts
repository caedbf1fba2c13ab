import { defineLayer } from '../layer-definition';
import { NO_PARAMS, sameShape } from '../shape-result';

export const SOFTMAX_LAYER = defineLayer({
  kind: 'Softmax',
  displayName: 'Softmax',
  category: 'Core',
  keepsShape: true,
  fields: [],
  inputs: { min: 1, max: 1 },
  explanation:
    'Turns a vector of scores into probabilities: every output lies between 0 and 1 and they sum to 1, so the largest score becomes the most likely class. Use it as the output layer of a classifier, after a Dense layer with one unit per class (or give that Dense the softmax activation directly). It works on the last axis and has no parameters.',
  formula: 'y_i = e^{z_i} / Σ_j e^{z_j}',
  outputShape: (inputs) => sameShape(inputs),
  paramCount: () => NO_PARAMS,
  summary: () => 'softmax',
});
