import { courseExercise, chainStart } from './course-exercise';

export const XOR_EXERCISE = courseExercise({
  id: 'xor',
  title: 'XOR with a tiny network',
  summary: 'Solve XOR, which no single neuron can, with at most 20 parameters.',
  instructions: `# XOR

In the XOR data set the points in opposite quadrants of the plane share a class. No straight line separates the two
classes, so the starting model, a single softmax layer on the two coordinates (logistic regression), stays at
chance: about 50 %.

As the seminar puts it, a non-linearity at the end of a linear combination does not make any difference: the
network needs a **hidden layer** with a non-linear activation in between, f(x) = f²(f¹(x)).

Add one, and solve XOR with a validation accuracy of at least **90 %**, using at most **20 parameters** (a Dense
layer has inputs × units weights plus one bias per unit). How few hidden units can do it?`,
  task: 'classification',
  dataset: { kind: 'builtin', id: 'xor' },
  start: {
    graph: chainStart([
      ['input', 'Input', { shape: [2] }],
      ['output', 'Dense', { units: 2, activation: 'softmax' }],
    ]),
    training: {
      optimizer: 'adam',
      learningRate: 0.05,
      epochs: 30,
      batchSize: 32,
      loss: 'categoricalCrossentropy',
      validationSplit: 0.25,
      shuffle: true,
      seed: 1,
    },
  },
  lockedNodeIds: ['input'],
  allowedKinds: ['Dense', 'Activation'],
  rules: {
    seed: 1,
    validationSplit: 0.25,
    maxEpochs: 30,
    learningRate: { min: 0.001, max: 0.1 },
    batchSize: { min: 8, max: 64 },
  },
  criteria: [
    {
      kind: 'val-accuracy-min',
      params: { min: 0.9 },
      points: 3,
      hint: 'A linear model cannot separate XOR: put a Dense layer with a non-linear activation (tanh or ReLU) between the Input and the output.',
    },
    {
      kind: 'params-max',
      params: { max: 20 },
      points: 2,
      hint: 'Two inputs and two outputs: a hidden layer of h units costs 2h + h + 2h + 2 parameters. Three units are enough.',
    },
    { kind: 'locked-unchanged', points: 1, hint: 'Keep the Input as it is.' },
  ],
});
