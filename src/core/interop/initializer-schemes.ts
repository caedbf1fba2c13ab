import type { KERNEL_INITIALIZERS } from '../../shared/layers/choices';

/** LayerLab's (tfjs's) initializer names → Keras's names, which the PyTorch export's `initialize` also uses. */
export const INITIALIZER_SCHEMES: Record<(typeof KERNEL_INITIALIZERS)[number], string> = {
  glorotUniform: 'glorot_uniform',
  glorotNormal: 'glorot_normal',
  heNormal: 'he_normal',
  heUniform: 'he_uniform',
  leCunNormal: 'lecun_normal',
  leCunUniform: 'lecun_uniform',
  randomNormal: 'random_normal',
  zeros: 'zeros',
};
