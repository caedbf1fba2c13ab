import { courseExercise, startGraph } from './course-exercise';

export const FEED_FORWARD_EXERCISE = courseExercise({
  id: 'feed-forward',
  title: 'The feed-forward network',
  summary: "Build the course's fully connected network 1296 → 128 → 32 → 5 from an empty canvas.",
  instructions: `# A feed-forward network

Logistic regression draws straight boundaries between the font types. A **feed-forward network** puts hidden layers
in between: each one computes new features from the previous layer's outputs, so the network learns its own
non-linear transformation of the pixels instead of using them as they are.

Build the network of the seminar's notebook, from an empty canvas:

- an **Input** of shape [36, 36, 1] and a **Flatten** (1296 values),
- a hidden **Dense** layer of **128** units, then one of **32** units, both with the **sigmoid** activation,
- an output **Dense** layer of **5** units with **softmax**.

Count its parameters before you check: every Dense layer has inputs × units weights and one bias per unit, so
1296 · 128 + 128 + 128 · 32 + 32 + 32 · 5 + 5 = **170,309**. The parameter count on the canvas must say the same.

Choose the optimizer and learning rate yourself (Adam with 0.001 to 0.005 works well); the check trains for at most
3 epochs.`,
  task: 'classification',
  dataset: { kind: 'builtin', id: 'fonts' },
  start: {
    graph: startGraph([], []),
    training: {
      optimizer: 'adam',
      learningRate: 0.001,
      epochs: 3,
      batchSize: 32,
      loss: 'categoricalCrossentropy',
      validationSplit: 0.1,
      shuffle: true,
      seed: 1,
    },
  },
  allowedKinds: ['Input', 'Flatten', 'Dense', 'Activation', 'Softmax'],
  rules: {
    seed: 1,
    validationSplit: 0.1,
    maxEpochs: 3,
    learningRate: { min: 0.0001, max: 0.05 },
    batchSize: { min: 16, max: 256 },
  },
  criteria: [
    {
      kind: 'contains-kind',
      params: { kind: 'Dense', atLeast: 3 },
      points: 1,
      hint: 'The network has three Dense layers: 128 units, 32 units and the 5-unit output.',
    },
    {
      kind: 'params-min',
      params: { min: 170_309 },
      points: 1,
      hint: 'Too few parameters: are both hidden layers there, with 128 and 32 units?',
    },
    {
      kind: 'params-max',
      params: { max: 170_309 },
      points: 1,
      hint: 'Too many parameters: check the units of each Dense layer against 128, 32 and 5.',
    },
    {
      kind: 'val-accuracy-min',
      params: { min: 0.72 },
      points: 2,
      hint: 'With sigmoid units plain SGD is slow; Adam with a learning rate around 0.003 gets there in 3 epochs.',
    },
  ],
});
