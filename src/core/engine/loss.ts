import * as tf from '@tensorflow/tfjs';
import type { LossName } from '../../shared/training/losses';

export type LossFunction = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Scalar;

/** Per-sample losses, the same functions tfjs's `model.compile({ loss })` uses; one line per loss of the catalogue. */
const PER_SAMPLE: Record<LossName, (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor> = {
  categoricalCrossentropy: tf.metrics.categoricalCrossentropy,
  meanSquaredError: tf.metrics.meanSquaredError,
  binaryCrossentropy: tf.metrics.binaryCrossentropy,
};

/** Mean loss over the batch. */
export function lossFunction(name: LossName): LossFunction {
  const perSample = PER_SAMPLE[name];
  return (yTrue, yPred) => tf.mean(perSample(yTrue, yPred)) as tf.Scalar;
}
