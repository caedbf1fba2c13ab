import { TRAINABLE_FIELD } from '../common-fields';
import { defineLayer } from '../layer-definition';
import { numberOf } from '../config-values';
import { sameShape } from '../shape-result';

export const BATCH_NORM_LAYER = defineLayer({
  kind: 'BatchNorm',
  displayName: 'BatchNorm',
  category: 'Regularization',
  keepsShape: true,
  fields: [
    {
      key: 'momentum',
      label: 'Momentum',
      type: 'float',
      default: 0.99,
      min: 0,
      max: 1,
      minExclusive: true,
      maxExclusive: true,
      help: 'How slowly the running mean and variance (used at test time) follow the batches.',
    },
    {
      key: 'epsilon',
      label: 'Epsilon',
      type: 'float',
      default: 0.001,
      min: 0,
      minExclusive: true,
      help: 'Small number added to the variance to avoid dividing by zero.',
    },
    TRAINABLE_FIELD,
  ],
  inputs: { min: 1, max: 1 },
  explanation:
    'Batch normalization: during training it rescales every feature (every channel of an image) to mean 0 and variance 1 over the mini-batch, then applies a learned scale γ and offset β. This keeps the inputs of the next layer in a stable range, which speeds up training and allows larger learning rates; it also regularises slightly. At test time it uses running averages of the mean and variance collected during training (not trained, hence the non-trainable parameters).',
  formula: 'y = γ · (x − μ_B) / √(σ_B² + ε) + β',
  outputShape: (inputs) => sameShape(inputs),
  // gamma and beta are trained; the moving mean and variance are not.
  paramCount: (inputs) => {
    const channels = inputs[0][inputs[0].length - 1];
    return { trainable: 2 * channels, nonTrainable: 2 * channels };
  },
  summary: (config) => `momentum ${numberOf(config, 'momentum')}`,
});
