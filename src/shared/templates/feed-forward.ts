import { chainGraph, COURSE_TRAINING, FONTS, type Template } from './template';

export const FEED_FORWARD: Template = {
  id: 'feed-forward',
  name: 'Feed-forward network',
  description: "The course's fully connected net: 1296 → 128 → 32 → 5 with sigmoid hidden units.",
  graph: chainGraph([
    ['Input', { shape: [36, 36, 1] }],
    ['Flatten', {}],
    ['Dense', { units: 128, activation: 'sigmoid' }],
    ['Dense', { units: 32, activation: 'sigmoid' }],
    ['Dense', { units: 5, activation: 'softmax' }],
  ]),
  training: { ...COURSE_TRAINING, epochs: 20 },
  dataset: FONTS,
  task: 'classification',
};
