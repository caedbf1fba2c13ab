import { chainGraph, COURSE_TRAINING, FONTS, type Template } from './template';

export const CNN: Template = {
  id: 'cnn',
  name: 'Convolutional network',
  description: "The course's CNN: 4 filters 5×5 (ReLU), 2×2 max pooling, Dense 32 ReLU, Dropout 0.5, softmax 5.",
  graph: chainGraph([
    ['Input', { shape: [36, 36, 1] }],
    ['Conv2D', { filters: 4, kernelSize: [5, 5], strides: [1, 1], padding: 'same', activation: 'relu' }],
    ['MaxPool2D', { poolSize: [2, 2], strides: null, padding: 'valid' }],
    ['Flatten', {}],
    ['Dense', { units: 32, activation: 'relu' }],
    ['Dropout', { rate: 0.5 }],
    ['Dense', { units: 5, activation: 'softmax' }],
  ]),
  training: { ...COURSE_TRAINING, epochs: 10 },
  dataset: FONTS,
  task: 'classification',
};
