import { defineLayer } from '../layer-definition';
import { numberOf } from '../config-values';
import { NO_PARAMS, sameShape } from '../shape-result';

export const DROPOUT_LAYER = defineLayer({
  kind: 'Dropout',
  displayName: 'Dropout',
  category: 'Core',
  keepsShape: true,
  fields: [
    {
      key: 'rate',
      label: 'Rate',
      type: 'float',
      default: 0.5,
      min: 0,
      max: 1,
      maxExclusive: true,
      help: 'Fraction of the units dropped at each training step, from 0 (none) to just below 1.',
    },
  ],
  inputs: { min: 1, max: 1 },
  explanation:
    'A regulariser against overfitting. During training every unit is switched off with probability rate, a new random choice for each mini-batch, so the network cannot rely on any single neuron; it behaves like training an ensemble of thinner networks that share weights. At test time nothing is dropped. tfjs scales the kept units by 1/(1−rate) during training so that test-time outputs need no correction (the course scales the weights by 1−rate at test time instead: the same thing).',
  formula: 'training: y = m ⊙ x / (1 − rate), m_i ~ Bernoulli(1 − rate) · test: y = x',
  outputShape: (inputs) => sameShape(inputs),
  paramCount: () => NO_PARAMS,
  summary: (config) => `rate ${numberOf(config, 'rate')}`,
});
