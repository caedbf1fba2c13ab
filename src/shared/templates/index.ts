import { AUTOENCODER } from './autoencoder';
import { CNN } from './cnn';
import { DENOISING_AUTOENCODER } from './denoising-autoencoder';
import { FEED_FORWARD } from './feed-forward';
import { LOGISTIC_REGRESSION } from './logistic-regression';
import { MAXOUT_MLP } from './maxout-mlp';
import { WIDE_CNN } from './wide-cnn';
import { PRETRAINED_CLASSIFIER } from './pretrained-classifier';
import type { Template } from './template';
import { XOR_MLP } from './xor-mlp';

export type { Template } from './template';

/** Ready-made projects, the course's three first. */
export const TEMPLATES: Template[] = [
  LOGISTIC_REGRESSION,
  FEED_FORWARD,
  CNN,
  WIDE_CNN,
  MAXOUT_MLP,
  AUTOENCODER,
  DENOISING_AUTOENCODER,
  PRETRAINED_CLASSIFIER,
  XOR_MLP,
];

export function getTemplate(id: string): Template | undefined {
  return TEMPLATES.find((template) => template.id === id);
}
