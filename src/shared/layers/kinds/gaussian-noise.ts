import { defineLayer } from '../layer-definition';
import { numberOf } from '../config-values';
import { NO_PARAMS, sameShape } from '../shape-result';

export const GAUSSIAN_NOISE_LAYER = defineLayer({
  kind: 'GaussianNoise',
  displayName: 'GaussianNoise',
  category: 'Regularization',
  keepsShape: true,
  fields: [
    {
      key: 'stddev',
      label: 'Std. deviation',
      type: 'float',
      default: 0.1,
      min: 0,
      help: 'Standard deviation of the noise added to each value.',
    },
  ],
  inputs: { min: 1, max: 1 },
  explanation:
    'Adds random noise drawn from a normal distribution to every value during training, and nothing at test time. Right after the Input it is the corruption step of a denoising autoencoder: the network sees a corrupted sample and must recover the clean one, which forces it to learn a robust representation. Elsewhere it acts as a regulariser.',
  formula: 'training: y = x + ε, ε ~ N(0, stddev²) · test: y = x',
  outputShape: (inputs) => sameShape(inputs),
  paramCount: () => NO_PARAMS,
  summary: (config) => `σ ${numberOf(config, 'stddev')}`,
});
