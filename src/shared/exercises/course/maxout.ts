import { courseExercise, chainStart, FONTS_INPUT } from './course-exercise';

export const MAXOUT_EXERCISE = courseExercise({
  id: 'maxout',
  title: 'Maxout units',
  summary: 'Replace the ReLU hidden layer by a Maxout layer that learns its own activation function.',
  instructions: `# Maxout: a learnable activation function

A **Maxout** unit (Goodfellow et al., 2013) computes several linear functions of its inputs, its *pieces*, and
outputs the largest. With two pieces, one of which is always 0, it is exactly a ReLU: **ReLU is a special case of
Maxout**. With more pieces, or two learnable ones, each unit learns the shape of its own convex activation function.

This network has one hidden Dense layer of 32 ReLU units. Replace it with a **Maxout** layer (2 pieces or more) and
keep the validation accuracy at **75 %** or more after at most 3 epochs.

Every piece has its own weights, so a Maxout layer of 32 units with 2 pieces has twice the parameters of a Dense
layer of 32 units. Stay within **100,000 parameters**: how many units and pieces can you afford?`,
  task: 'classification',
  dataset: { kind: 'builtin', id: 'fonts' },
  start: {
    graph: chainStart([
      FONTS_INPUT,
      ['flatten', 'Flatten', {}],
      ['hidden', 'Dense', { units: 32, activation: 'relu' }],
      ['output', 'Dense', { units: 5, activation: 'softmax' }],
    ]),
    training: {
      optimizer: 'adam',
      learningRate: 0.003,
      epochs: 3,
      batchSize: 32,
      loss: 'categoricalCrossentropy',
      validationSplit: 0.1,
      shuffle: true,
      seed: 1,
    },
  },
  lockedNodeIds: ['input', 'output'],
  allowedKinds: ['Maxout', 'Dense', 'Dropout', 'Flatten'],
  rules: {
    seed: 1,
    validationSplit: 0.1,
    maxEpochs: 3,
    learningRate: { min: 0.0001, max: 0.01 },
    batchSize: { min: 16, max: 256 },
  },
  criteria: [
    {
      kind: 'contains-kind',
      params: { kind: 'Maxout', atLeast: 1 },
      points: 2,
      hint: 'Delete the hidden Dense layer and put a Maxout layer in its place, between the Flatten and the output.',
    },
    {
      kind: 'val-accuracy-min',
      params: { min: 0.75 },
      points: 2,
      hint: 'Maxout learns as fast as ReLU here: Adam with about 0.003 and a batch size of 32 gets there in 3 epochs.',
    },
    {
      kind: 'params-max',
      params: { max: 100_000 },
      points: 1,
      hint: 'A Maxout layer has inputs × units × pieces weights: 1296 × 32 × 2 = 82,944 fits, 1296 × 32 × 3 does not.',
    },
    { kind: 'locked-unchanged', points: 1, hint: 'Keep the Input and the output layer as they are.' },
  ],
});
