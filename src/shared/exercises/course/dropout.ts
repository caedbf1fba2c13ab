import { courseExercise, chainStart, FONTS_INPUT } from './course-exercise';

export const DROPOUT_EXERCISE = courseExercise({
  id: 'dropout',
  title: 'Dropout against overfitting',
  summary: 'Close the gap between training and validation accuracy of a network trained on few images.',
  instructions: `# Overfitting and Dropout

In this exercise the network learns from only **10 %** of the fonts (279 images); the other 90 % are kept for
validation. Train it and compare the two accuracy curves: the training accuracy (blue) climbs to almost 100 %, the
validation accuracy (red) stops near 70 %. The network has learned the training images by heart instead of what
makes a font type: it **overfits**, and the gap between the curves measures how much.

**Dropout** is the seminar's remedy: while training, each unit is switched off with probability *p*, a different
random set for every mini-batch, so that no unit can rely on its partners and each has to be useful on its own. When
testing nothing is dropped. It works like training an ensemble of thinned networks that share their weights.

Insert **Dropout** layers (the Input and the hidden layer of 128 units are locked, the rest is yours) until the gap
between training and validation accuracy is at most **20 %**, while the validation accuracy stays at 60 % or more.
Where does dropping help most: before the hidden layer, after it, or both?`,
  task: 'classification',
  dataset: { kind: 'builtin', id: 'fonts' },
  start: {
    graph: chainStart([
      FONTS_INPUT,
      ['flatten', 'Flatten', {}],
      ['hidden', 'Dense', { units: 128, activation: 'relu' }],
      ['output', 'Dense', { units: 5, activation: 'softmax' }],
    ]),
    training: {
      optimizer: 'adam',
      learningRate: 0.002,
      epochs: 8,
      batchSize: 32,
      loss: 'categoricalCrossentropy',
      validationSplit: 0.9,
      shuffle: true,
      seed: 1,
    },
  },
  lockedNodeIds: ['input', 'hidden'],
  allowedKinds: ['Dropout', 'Dense', 'Activation', 'Flatten'],
  rules: {
    seed: 1,
    validationSplit: 0.9,
    maxEpochs: 8,
    learningRate: { min: 0.0005, max: 0.005 },
    batchSize: { min: 16, max: 128 },
  },
  criteria: [
    {
      kind: 'overfitting-gap-max',
      params: { max: 0.2 },
      points: 3,
      hint: 'One Dropout after the hidden layer helps a little; dropping some of the input pixels as well (rate 0.2 to 0.3) helps a lot more.',
    },
    {
      kind: 'val-accuracy-min',
      params: { min: 0.6 },
      points: 1,
      hint: 'The gap is small but so is the accuracy: a dropout rate close to 1 leaves the network too little to learn with.',
    },
    {
      kind: 'contains-kind',
      params: { kind: 'Dropout', atLeast: 1 },
      points: 1,
      hint: 'The exercise is about Dropout: add at least one Dropout layer.',
    },
    { kind: 'locked-unchanged', points: 1, hint: 'Keep the Input and the hidden layer of 128 units as they are.' },
  ],
});
