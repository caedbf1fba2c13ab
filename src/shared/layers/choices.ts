/** Activations accepted by Dense and Conv2D, named as tfjs's `activation` argument expects. */
export const LAYER_ACTIVATIONS = [
  'linear',
  'relu',
  'sigmoid',
  'tanh',
  'softmax',
  'elu',
  'selu',
  'softplus',
  'softsign',
] as const;

/** Weight initializers, named as tfjs's `kernelInitializer` argument expects. */
export const KERNEL_INITIALIZERS = [
  'glorotUniform',
  'glorotNormal',
  'heNormal',
  'heUniform',
  'leCunNormal',
  'leCunUniform',
  'randomNormal',
  'zeros',
] as const;
