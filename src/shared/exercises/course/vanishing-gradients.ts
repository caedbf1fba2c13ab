import type { LayerKind } from '../../graph/model-graph';
import type { LayerConfig } from '../../layers/layer-definition';
import { courseExercise, chainStart, FONTS_INPUT } from './course-exercise';

/** Six hidden sigmoid layers: deep enough that the gradient reaching the first ones is lost. */
const HIDDEN = Array.from({ length: 6 }, (_, i): [string, LayerKind, LayerConfig] => [
  `dense-${i + 1}`,
  'Dense',
  { units: 64, activation: 'sigmoid' },
]);

export const VANISHING_GRADIENTS = courseExercise({
  id: 'vanishing-gradients',
  title: 'Vanishing gradients',
  summary: 'A deep sigmoid network that does not learn: make it learn without removing a layer.',
  instructions: `# Vanishing gradients

This network has **six hidden layers** of 64 sigmoid units. Train it: the accuracy stays at 20 %, the network
answers the same font type for every image, however long it trains.

The seminar explains why. Backpropagation multiplies, layer after layer, by the derivative of the activation, and
the sigmoid's derivative σ'(x) = σ(x)(1 − σ(x)) is never larger than 1/4. After six layers the gradient that
reaches the first layers is thousands of times smaller than at the output: the first layers *learn very slowly,
almost at random*, while the last ones have already settled.

Make the network learn **without removing any layer** (all seven Dense layers stay), with plain gradient descent
(\`sgd\`, fixed in this exercise). Which activation function has a derivative of 1 wherever it is active?

The check trains for at most 5 epochs with a learning rate between 0.01 and 0.1.`,
  task: 'classification',
  dataset: { kind: 'builtin', id: 'fonts' },
  start: {
    graph: chainStart([
      FONTS_INPUT,
      ['flatten', 'Flatten', {}],
      ...HIDDEN,
      ['output', 'Dense', { units: 5, activation: 'softmax' }],
    ]),
    training: {
      optimizer: 'sgd',
      learningRate: 0.05,
      epochs: 5,
      batchSize: 32,
      loss: 'categoricalCrossentropy',
      validationSplit: 0.1,
      shuffle: true,
      seed: 1,
    },
  },
  lockedNodeIds: ['input', 'output'],
  allowedKinds: ['Dense', 'Activation', 'Flatten'],
  rules: {
    seed: 1,
    validationSplit: 0.1,
    maxEpochs: 5,
    fixedOptimizer: 'sgd',
    learningRate: { min: 0.01, max: 0.1 },
    batchSize: { min: 16, max: 128 },
  },
  criteria: [
    {
      kind: 'val-accuracy-min',
      params: { min: 0.5 },
      points: 3,
      hint: 'Still at 20 %? A faster learning rate does not help against a gradient that shrinks fourfold per layer: change the activation of the hidden layers (the seminar recommends ReLU).',
    },
    {
      kind: 'contains-kind',
      params: { kind: 'Dense', atLeast: 7 },
      points: 1,
      hint: 'Keep all seven Dense layers: the exercise is to make the deep network learn, not to make it shallow.',
    },
    { kind: 'locked-unchanged', points: 1, hint: 'Keep the Input and the output layer as they are.' },
  ],
});
