import { analyzeGraph } from '../../../shared/graph/analyze-graph';
import type { ModelGraph } from '../../../shared/graph/model-graph';
import { stringOf } from '../../../shared/layers/config-values';
import type { LossName } from '../../../shared/training/losses';
import { OPTIMIZERS, type OptimizerName } from '../../../shared/training/optimizers';
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from '../../../shared/training/train-config';
import { isRecord } from './keras-topology';

/** Keras's loss names (functions and classes, Keras 2 and 3) → LayerLab's. */
const LOSSES: Record<string, LossName> = {
  categoricalcrossentropy: 'categoricalCrossentropy',
  meansquarederror: 'meanSquaredError',
  mse: 'meanSquaredError',
  binarycrossentropy: 'binaryCrossentropy',
};

/**
 * Training settings for an imported model: the optimizer, learning rate and loss its `training_config` names when
 * LayerLab has them, LayerLab's defaults otherwise; the loss defaults to what the output suggests.
 */
export function trainingFromKeras(
  trainingConfig: unknown,
  inputShape: number[],
  outputShape: number[],
  graph: ModelGraph,
  notes: string[],
): TrainConfig {
  const training: TrainConfig = { ...DEFAULT_TRAIN_CONFIG, loss: lossForOutput(inputShape, outputShape, graph) };
  if (!isRecord(trainingConfig)) {
    notes.push(
      `training settings: LayerLab's defaults (${training.optimizer}, learning rate ${training.learningRate}, ${training.loss})`,
    );
    return training;
  }
  const loss = typeof trainingConfig.loss === 'string' ? LOSSES[normalize(trainingConfig.loss)] : undefined;
  if (loss) training.loss = loss;
  const optimizer = isRecord(trainingConfig.optimizer_config) ? trainingConfig.optimizer_config : null;
  const config = optimizer && isRecord(optimizer.config) ? optimizer.config : {};
  const name = optimizer && typeof optimizer.class_name === 'string' ? normalize(optimizer.class_name) : '';
  const momentum = typeof config.momentum === 'number' ? config.momentum : 0;
  const mapped: OptimizerName | undefined =
    name === 'sgd' && momentum > 0
      ? 'momentum'
      : (OPTIMIZERS as readonly string[]).includes(name)
        ? (name as OptimizerName)
        : undefined;
  if (mapped) {
    training.optimizer = mapped;
    const lr = config.learning_rate ?? config.lr;
    if (typeof lr === 'number' && lr > 0 && lr <= 10) training.learningRate = lr;
    if (mapped === 'momentum') {
      training.momentum = momentum;
      training.nesterov = config.nesterov === true;
    }
  }
  notes.push(
    `training settings from the model: ${training.optimizer}, learning rate ${training.learningRate}, ${training.loss}`,
  );
  return training;
}

/** Mean squared error for an autoencoder, binary cross-entropy for one sigmoid unit, categorical otherwise. */
function lossForOutput(inputShape: number[], outputShape: number[], graph: ModelGraph): LossName {
  if (inputShape.length === outputShape.length && inputShape.every((d, i) => d === outputShape[i])) {
    return 'meanSquaredError';
  }
  const output = graph.nodes.find((node) => node.id === analyzeGraph(graph).outputId);
  if (
    outputShape.length === 1 &&
    outputShape[0] === 1 &&
    output &&
    stringOf(output.config, 'activation') === 'sigmoid'
  ) {
    return 'binaryCrossentropy';
  }
  return 'categoricalCrossentropy';
}

function normalize(name: string): string {
  return name.replace(/_/g, '').toLowerCase();
}
