import { chainGraph, COURSE_TRAINING, FONTS, type Template } from './template';

export const AUTOENCODER: Template = {
  id: 'autoencoder',
  name: 'Autoencoder',
  description: 'Squeezes each 36×36 image through a 64-number code and rebuilds it (target = input, MSE loss).',
  graph: chainGraph([
    ['Input', { shape: [36, 36, 1] }],
    ['Flatten', {}],
    ['Dense', { units: 64, activation: 'relu' }],
    ['Dense', { units: 1296, activation: 'sigmoid' }],
    ['Reshape', { targetShape: [36, 36, 1] }],
  ]),
  training: { ...COURSE_TRAINING, loss: 'meanSquaredError', epochs: 20 },
  dataset: FONTS,
  task: 'autoencoder',
};
