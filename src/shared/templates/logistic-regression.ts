import { chainGraph, COURSE_TRAINING, FONTS, type Template } from './template';

export const LOGISTIC_REGRESSION: Template = {
  id: 'logistic-regression',
  name: 'Logistic regression',
  description: 'The course baseline: every pixel straight into a 5-way softmax (no hidden layer).',
  graph: chainGraph([
    ['Input', { shape: [36, 36, 1] }],
    ['Flatten', {}],
    ['Dense', { units: 5, activation: 'softmax' }],
  ]),
  training: { ...COURSE_TRAINING, learningRate: 0.005, epochs: 20 },
  dataset: FONTS,
  task: 'classification',
};
