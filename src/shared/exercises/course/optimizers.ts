import { courseExercise, chainStart, FONTS_INPUT } from './course-exercise';

export const OPTIMIZERS_EXERCISE = courseExercise({
  id: 'optimizers',
  title: 'Choosing an optimizer',
  summary: 'Reach 65 % validation accuracy in only 2 epochs by choosing the optimizer and its learning rate.',
  instructions: `# Adaptive learning rates

The network is fixed (a hidden layer of 32 sigmoid units), and so is the time: **2 epochs**. With plain gradient
descent at a learning rate of 0.01 it reaches about 50 % validation accuracy in that time.

Plain gradient descent moves every weight by the same multiple of its gradient. The seminar lists optimizers that
adapt the step for each weight instead: **Adagrad**, **RMSprop**, **Adadelta** and **Adam**. Try them, each with a
few learning rates (a learning rate that suits SGD is rarely the one that suits Adam), and compare the accuracy
curves.

Only the training settings may change: the layers are locked. Reach 65 % within 2 epochs.`,
  task: 'classification',
  dataset: { kind: 'builtin', id: 'fonts' },
  start: {
    graph: chainStart([
      FONTS_INPUT,
      ['flatten', 'Flatten', {}],
      ['hidden', 'Dense', { units: 32, activation: 'sigmoid' }],
      ['output', 'Dense', { units: 5, activation: 'softmax' }],
    ]),
    training: {
      optimizer: 'sgd',
      learningRate: 0.01,
      epochs: 2,
      batchSize: 32,
      loss: 'categoricalCrossentropy',
      validationSplit: 0.1,
      shuffle: true,
      seed: 1,
    },
  },
  lockedNodeIds: ['input', 'flatten', 'hidden', 'output'],
  allowedKinds: [],
  rules: {
    seed: 1,
    validationSplit: 0.1,
    maxEpochs: 2,
    learningRate: { min: 0.0001, max: 1 },
    batchSize: { min: 16, max: 256 },
  },
  criteria: [
    {
      kind: 'val-accuracy-min',
      params: { min: 0.65 },
      points: 3,
      hint: 'Adam and RMSprop usually want a learning rate between 0.001 and 0.01; SGD needs far larger steps to get anywhere in 2 epochs.',
    },
    { kind: 'locked-unchanged', points: 1, hint: 'Only the training settings may change in this exercise.' },
  ],
});
