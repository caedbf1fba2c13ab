import { courseExercise, FONTS_INPUT, startGraph } from './course-exercise';

export const LR_BASELINE = courseExercise({
  id: 'lr-baseline',
  title: 'Logistic regression baseline',
  summary: 'Connect every pixel straight to a 5-way softmax and find a learning rate for plain gradient descent.',
  instructions: `# Logistic regression on the fonts

Each image of the fonts data set has 36 × 36 = 1296 grey values and shows a character in one of 5 font types. The
simplest classifier of the course is **logistic regression**: every pixel goes straight into a softmax with one
output per class, with no hidden layer in between. It is the baseline every later network has to beat.

1. Add a **Flatten** layer after the Input, so that each image becomes a list of 1296 numbers.
2. Add a **Dense** layer with **5** units and the **softmax** activation, and connect it.
3. Training uses plain gradient descent (\`sgd\`), as the seminar's notebook did. Choose its **learning rate**:
   too small and the model barely moves in 10 epochs, too large and the accuracy jumps up and down instead of
   settling. Train a few times and watch the accuracy curves.

Press **Check** when the validation accuracy looks good. The check trains your model again from scratch, with the
exercise's seed, for at most 10 epochs.`,
  task: 'classification',
  dataset: { kind: 'builtin', id: 'fonts' },
  start: {
    graph: startGraph([FONTS_INPUT], []),
    training: {
      optimizer: 'sgd',
      learningRate: 0.001,
      epochs: 10,
      batchSize: 32,
      loss: 'categoricalCrossentropy',
      validationSplit: 0.1,
      shuffle: true,
      seed: 1,
    },
  },
  lockedNodeIds: ['input'],
  allowedKinds: ['Flatten', 'Dense', 'Activation', 'Softmax'],
  rules: {
    seed: 1,
    validationSplit: 0.1,
    maxEpochs: 10,
    fixedOptimizer: 'sgd',
    learningRate: { min: 0.0001, max: 2 },
    batchSize: { min: 16, max: 256 },
  },
  criteria: [
    {
      kind: 'val-accuracy-min',
      params: { min: 0.65 },
      points: 3,
      hint: 'Look at the accuracy curve: one that is still rising wants a larger learning rate, one that jumps around a smaller one. Try values between 0.01 and 0.1.',
    },
    {
      kind: 'params-max',
      params: { max: 6485 },
      points: 1,
      hint: 'Logistic regression has no hidden layer: 1296 × 5 weights + 5 biases = 6,485 parameters.',
    },
    { kind: 'locked-unchanged', points: 1, hint: 'Keep the Input layer as it is.' },
  ],
});
