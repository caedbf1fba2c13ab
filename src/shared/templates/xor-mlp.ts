import { chainGraph, COURSE_TRAINING, type Template } from './template';

export const XOR_MLP: Template = {
  id: 'xor-mlp',
  name: 'XOR with a hidden layer',
  description: 'The problem a single neuron cannot solve: 2 inputs → 8 tanh units → 2-way softmax, trains in seconds.',
  graph: chainGraph([
    ['Input', { shape: [2] }],
    ['Dense', { units: 8, activation: 'tanh' }],
    ['Dense', { units: 2, activation: 'softmax' }],
  ]),
  training: { ...COURSE_TRAINING, learningRate: 0.02, epochs: 30 },
  dataset: { kind: 'builtin', id: 'xor' },
  task: 'classification',
};
