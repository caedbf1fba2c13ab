import { courseExercise, chainStart, FONTS_INPUT } from './course-exercise';

export const AUTOENCODER_EXERCISE = courseExercise({
  id: 'autoencoder',
  title: 'A small autoencoder',
  summary: 'Squeeze the font images through a small code and rebuild them with a reconstruction error under 0.045.',
  instructions: `# Compressing images with an autoencoder

An **autoencoder** learns without labels: its target is its own input. It squeezes each 1296-pixel image through a
**code** of a few numbers (the encoder) and rebuilds the image from the code alone (the decoder). The loss is the
mean squared difference between the image and its reconstruction, L = (x − x̂)², as in the seminar. Like PCA it
reduces dimensionality, but its encoder and decoder can be non-linear.

The decoder is in place and locked: a Dense layer of 1296 sigmoid units (pixel values lie between 0 and 1) reshaped
to 36 × 36 × 1. The code is yours: it starts as a Dense layer of only **4** units, which cannot hold enough of an
image to rebuild it well.

Change the code so that the **reconstruction error is at most 0.045** after at most 3 epochs, within a budget of
**90,000 parameters**. The decoder alone needs code size × 1296 + 1296 of them, so the code has to stay small.`,
  task: 'autoencoder',
  dataset: { kind: 'builtin', id: 'fonts' },
  start: {
    graph: chainStart([
      FONTS_INPUT,
      ['flatten', 'Flatten', {}],
      ['code', 'Dense', { units: 4, activation: 'relu' }],
      ['decoder', 'Dense', { units: 1296, activation: 'sigmoid' }],
      ['image', 'Reshape', { targetShape: [36, 36, 1] }],
    ]),
    training: {
      optimizer: 'adam',
      learningRate: 0.003,
      epochs: 3,
      batchSize: 32,
      loss: 'meanSquaredError',
      validationSplit: 0.1,
      shuffle: true,
      seed: 1,
    },
  },
  lockedNodeIds: ['input', 'decoder', 'image'],
  allowedKinds: ['Dense', 'Activation', 'Flatten', 'GaussianNoise'],
  rules: {
    seed: 1,
    validationSplit: 0.1,
    maxEpochs: 3,
    fixedLoss: 'meanSquaredError',
    learningRate: { min: 0.0001, max: 0.01 },
    batchSize: { min: 16, max: 256 },
  },
  criteria: [
    {
      kind: 'reconstruction-error-max',
      params: { max: 0.045 },
      points: 3,
      hint: 'A code of 4 numbers keeps little more than how dark the image is: give the code more units (within the budget).',
    },
    {
      kind: 'params-max',
      params: { max: 90_000 },
      points: 1,
      hint: 'Each code unit costs 1296 weights in the encoder and 1296 in the decoder: about 34 units fit the budget.',
    },
    { kind: 'locked-unchanged', points: 1, hint: 'Keep the Input, the decoder and the Reshape as they are.' },
  ],
});
