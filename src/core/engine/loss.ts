import * as tf from '@tensorflow/tfjs';
import type { LossName } from '../../shared/training/train-config';

export type LossFunction = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Scalar;

/** Mean loss over the batch, the same functions tfjs's `model.compile({ loss })` uses. */
export function lossFunction(name: LossName): LossFunction {
  const perSample = {
    categoricalCrossentropy: tf.metrics.categoricalCrossentropy,
    meanSquaredError: tf.metrics.meanSquaredError,
    binaryCrossentropy: tf.metrics.binaryCrossentropy,
  }[name];
  return (yTrue, yPred) => tf.mean(perSample(yTrue, yPred)) as tf.Scalar;
}
