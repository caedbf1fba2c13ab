import { chainGraph, COURSE_TRAINING, FONTS, type Template } from './template';

export const DENOISING_AUTOENCODER: Template = {
  id: 'denoising-autoencoder',
  name: 'Denoising autoencoder',
  description: 'Adds Gaussian noise to the input while training and learns to rebuild the clean image.',
  graph: chainGraph([
    ['Input', { shape: [36, 36, 1] }],
    ['GaussianNoise', { stddev: 0.2 }],
    ['Flatten', {}],
    ['Dense', { units: 64, activation: 'relu' }],
    ['Dense', { units: 1296, activation: 'sigmoid' }],
    ['Reshape', { targetShape: [36, 36, 1] }],
  ]),
  training: { ...COURSE_TRAINING, loss: 'meanSquaredError', epochs: 20 },
  dataset: FONTS,
  task: 'autoencoder',
};
