import { chainGraph, COURSE_TRAINING, FONTS, type Template } from './template';

/**
 * The CNN every tutorial shows, at the size students build once the course CNN works: two 3×3 conv blocks (32 and
 * 64 filters) and a 128-unit hidden layer, 683,141 parameters on the fonts set (16× the course CNN's).
 */
export const WIDE_CNN: Template = {
  id: 'wide-cnn',
  name: 'Wide CNN',
  description: 'A typical student CNN: Conv 32 3×3 → pool → Conv 64 3×3 → pool → Dense 128 → Dropout 0.25 → 5.',
  graph: chainGraph([
    ['Input', { shape: [36, 36, 1] }],
    ['Conv2D', { filters: 32, kernelSize: [3, 3], strides: [1, 1], padding: 'same', activation: 'relu' }],
    ['MaxPool2D', { poolSize: [2, 2], strides: null, padding: 'valid' }],
    ['Conv2D', { filters: 64, kernelSize: [3, 3], strides: [1, 1], padding: 'same', activation: 'relu' }],
    ['MaxPool2D', { poolSize: [2, 2], strides: null, padding: 'valid' }],
    ['Flatten', {}],
    ['Dense', { units: 128, activation: 'relu' }],
    ['Dropout', { rate: 0.25 }],
    ['Dense', { units: 5, activation: 'softmax' }],
  ]),
  training: { ...COURSE_TRAINING, epochs: 10 },
  dataset: FONTS,
  task: 'classification',
};
