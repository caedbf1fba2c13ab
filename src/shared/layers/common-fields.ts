import type { ConfigField } from './layer-definition';
import { KERNEL_INITIALIZERS, LAYER_ACTIVATIONS } from './choices';

/** Fields Dense and Conv2D share, with the same keys and defaults as tfjs. */
export const ACTIVATION_FIELD: ConfigField = {
  key: 'activation',
  label: 'Activation',
  type: 'enum',
  default: 'relu',
  choices: LAYER_ACTIVATIONS,
  help: 'Non-linearity applied to each output: relu is the usual choice for hidden layers, softmax for a classifier output, sigmoid saturates and slows deep nets down (vanishing gradients).',
};

export const USE_BIAS_FIELD: ConfigField = {
  key: 'useBias',
  label: 'Use bias',
  type: 'bool',
  default: true,
  help: 'Add a learned offset b to every output. Turn off only right before a BatchNorm, which has its own offset.',
};

/**
 * tfjs's LayerArgs `trainable`, on every kind that holds weights: a frozen layer keeps its weights (and a BatchNorm its
 * running statistics) while the rest of the model trains, as in layer-wise pre-training.
 */
export const TRAINABLE_FIELD: ConfigField = {
  key: 'trainable',
  label: 'Trainable',
  type: 'bool',
  default: true,
  help: 'Untick to freeze the layer: training leaves its weights as they are (as initialized, or as reused from an earlier run). Freeze a pre-trained encoder while a new output layer learns, then unfreeze it to fine-tune.',
};

export const KERNEL_INITIALIZER_FIELD: ConfigField = {
  key: 'kernelInitializer',
  label: 'Weight init',
  type: 'enum',
  default: 'glorotUniform',
  choices: KERNEL_INITIALIZERS,
  help: 'How the weights are drawn before training. Glorot suits tanh/sigmoid, He suits relu; zeros makes every unit learn the same thing.',
};
