import * as tf from '@tensorflow/tfjs';
import type { TrainConfig } from '../../shared/training/train-config';
import { FusedAdamOptimizer } from './kernels/fused-adam';

/** The tfjs optimizer for a training config; defaults follow Keras where the config is silent. */
export function createOptimizer(config: TrainConfig): tf.Optimizer {
  const lr = config.learningRate;
  switch (config.optimizer) {
    case 'sgd':
      return tf.train.sgd(lr);
    case 'momentum':
      return tf.train.momentum(lr, config.momentum ?? 0.9, config.nesterov ?? false);
    case 'adagrad':
      return tf.train.adagrad(lr);
    case 'adadelta':
      return tf.train.adadelta(lr);
    case 'rmsprop':
      return tf.train.rmsprop(lr, 0.9, config.momentum ?? 0);
    case 'adam':
      // tf.train.adam's defaults; the same updates, in one pass per variable where LayerLab's kernels run
      return new FusedAdamOptimizer(lr, 0.9, 0.999);
    case 'adamax':
      return tf.train.adamax(lr);
  }
}
