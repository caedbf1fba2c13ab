import * as tf from '@tensorflow/tfjs';
import type { TrainConfig } from '../../shared/training/train-config';
import { OPTIMIZER_CATALOGUE, type OptimizerName } from '../../shared/training/optimizers';
import { FusedAdamOptimizer } from './kernels/fused-adam';

/** One line per optimizer of the catalogue: a new one fails to compile until it is built here. */
const OPTIMIZER_BUILDERS: Record<OptimizerName, (config: TrainConfig) => tf.Optimizer> = {
  sgd: (c) => tf.train.sgd(c.learningRate),
  momentum: (c) => tf.train.momentum(c.learningRate, momentumOf(c), c.nesterov ?? false),
  adagrad: (c) => tf.train.adagrad(c.learningRate),
  adadelta: (c) => tf.train.adadelta(c.learningRate),
  rmsprop: (c) => tf.train.rmsprop(c.learningRate, 0.9, momentumOf(c)),
  // tf.train.adam's defaults; the same updates, in one pass per variable where LayerLab's kernels run
  adam: (c) => new FusedAdamOptimizer(c.learningRate, 0.9, 0.999),
  adamax: (c) => tf.train.adamax(c.learningRate),
};

/** The tfjs optimizer for a training config; where the config is silent the catalogue's defaults apply. */
export function createOptimizer(config: TrainConfig): tf.Optimizer {
  return OPTIMIZER_BUILDERS[config.optimizer](config);
}

function momentumOf(config: TrainConfig): number {
  return config.momentum ?? OPTIMIZER_CATALOGUE[config.optimizer].defaultMomentum ?? 0;
}
