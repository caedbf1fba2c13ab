import { defineLayer } from '../layer-definition';
import { numberOf, stringOf } from '../config-values';
import { NO_PARAMS, sameShape } from '../shape-result';

export const ACTIVATION_LAYER = defineLayer({
  kind: 'Activation',
  displayName: 'Activation',
  category: 'Core',
  keepsShape: true,
  fields: [
    {
      key: 'activation',
      label: 'Function',
      type: 'enum',
      default: 'relu',
      choices: ['relu', 'sigmoid', 'tanh', 'elu', 'selu', 'softplus', 'softsign', 'leakyRelu', 'linear'],
      help: 'The non-linearity applied to every value separately.',
    },
    {
      key: 'alpha',
      label: 'Leak (alpha)',
      type: 'float',
      default: 0.3,
      min: 0,
      help: 'Slope for negative inputs; used by leakyRelu only.',
    },
  ],
  inputs: { min: 1, max: 1 },
  explanation:
    'Applies a non-linear function to every value on its own; shape and parameters are unchanged. ReLU, max(0, z), is the default in modern networks: it is fast and its gradient does not vanish for positive inputs, whereas the sigmoid σ(z) = 1/(1+e^{-z}) squashes into (0, 1) and its small gradients make deep sigmoid networks learn very slowly (the vanishing gradient problem). Leaky ReLU lets a small slope alpha through for negative inputs.',
  formula:
    'ReLU: max(0, z) · sigmoid: σ(z) = 1/(1+e^{-z}) · tanh: (e^z − e^{-z})/(e^z + e^{-z}) · leakyRelu: z if z > 0 else αz',
  outputShape: (inputs) => sameShape(inputs),
  paramCount: () => NO_PARAMS,
  summary: (config) => {
    const fn = stringOf(config, 'activation');
    return fn === 'leakyRelu' ? `leakyRelu α ${numberOf(config, 'alpha')}` : fn;
  },
});
