import { courseExercise, FONTS_INPUT, startGraph } from './course-exercise';

export const CNN_EXERCISE = courseExercise({
  id: 'cnn',
  title: 'The course CNN',
  summary: 'Beat the feed-forward network with a convolutional network of at most 50,000 parameters.',
  instructions: `# A convolutional network on a budget

The feed-forward network needs 170,309 parameters, because every one of its 128 hidden units has its own weight for
each of the 1296 pixels. A **convolutional** layer slides a few small filters over the whole image instead: a 5 × 5
filter has 25 weights wherever it looks, and a feature found in one corner is found in every other one too.
**Pooling** then halves the image's height and width, keeping the strongest response in each 2 × 2 window.

The Input and the 5-way softmax output are already on the canvas. Build the seminar's CNN between them:

1. **Conv2D**: 4 filters of 5 × 5, padding \`same\`, ReLU (the image stays 36 × 36, now with 4 channels),
2. **MaxPool2D** 2 × 2 (18 × 18 × 4 = 1296 values),
3. **Flatten**, then **Dense** 32 with ReLU, then **Dropout**,
4. connect it to the output.

Your network may use at most **50,000 trainable parameters**: a model over the budget is not trained at all. The
check trains for at most 3 epochs, so pick an optimizer that learns fast (Adam with 0.003 is a good start).`,
  task: 'classification',
  dataset: { kind: 'builtin', id: 'fonts' },
  start: {
    graph: startGraph([FONTS_INPUT, ['output', 'Dense', { units: 5, activation: 'softmax' }]], [], 'output'),
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
  allowedKinds: ['Conv2D', 'MaxPool2D', 'AvgPool2D', 'Flatten', 'Dense', 'Dropout', 'Activation'],
  rules: {
    seed: 1,
    validationSplit: 0.1,
    maxEpochs: 3,
    learningRate: { min: 0.0001, max: 0.01 },
    batchSize: { min: 16, max: 256 },
  },
  criteria: [
    {
      kind: 'params-max',
      params: { max: 50_000 },
      points: 2,
      hint: 'Most parameters sit in the first Dense layer after Flatten: pool before flattening, and keep that layer small.',
    },
    {
      kind: 'contains-kind',
      params: { kind: 'Conv2D', atLeast: 1 },
      points: 1,
      hint: 'The point of the exercise is a convolutional layer: add a Conv2D after the Input.',
    },
    {
      kind: 'val-accuracy-min',
      params: { min: 0.75 },
      points: 3,
      hint: "Compare with the seminar's CNN: 4 filters 5 × 5, 2 × 2 max pooling, Dense 32. Is the output connected to everything before it?",
    },
    { kind: 'locked-unchanged', points: 1, hint: 'Keep the Input and the output layer as they are.' },
  ],
});
