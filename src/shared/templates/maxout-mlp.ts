import { chainGraph, COURSE_TRAINING, FONTS, type Template } from './template';

export const MAXOUT_MLP: Template = {
  id: 'maxout-mlp',
  name: 'Maxout network',
  description: 'Two Maxout layers (each unit the max of 3 linear pieces) with Dropout, as in Goodfellow et al. 2013.',
  graph: chainGraph([
    ['Input', { shape: [36, 36, 1] }],
    ['Flatten', {}],
    ['Maxout', { units: 64, pieces: 3 }],
    ['Dropout', { rate: 0.2 }],
    ['Maxout', { units: 32, pieces: 3 }],
    ['Dense', { units: 5, activation: 'softmax' }],
  ]),
  training: { ...COURSE_TRAINING, epochs: 15 },
  dataset: FONTS,
  task: 'classification',
};
