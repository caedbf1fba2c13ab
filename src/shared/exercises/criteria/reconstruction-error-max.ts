import { defineCriterion } from './criterion-definition';
import { formatMeasure } from './format-measure';

export const RECONSTRUCTION_ERROR_MAX = defineCriterion<{ max: number }>({
  kind: 'reconstruction-error-max',
  label: 'Reconstruction error (MSE) at most',
  measures:
    'For autoencoders: the mean squared difference between each validation image and its reconstruction, per pixel, after the last epoch.',
  stage: 'trained',
  comparison: 'at-most',
  unit: 'loss',
  params: [
    {
      key: 'max',
      label: 'Maximum mean squared error',
      type: 'number',
      min: 0,
      max: 10,
      default: 0.02,
      help: 'Pixel values are in [0, 1], so 0.01 means a typical error of about 0.1 per pixel.',
    },
  ],
  describe: ({ max }) => `Reconstruction error (MSE) ≤ ${formatMeasure(max, 'loss')}`,
  target: ({ max }) => max,
  measure: (_params, { run }) => ({ value: run?.reconstructionError ?? null }),
  exerciseProblem: (_params, exercise) => {
    if (exercise.task !== 'autoencoder') return 'the reconstruction error is only measured for autoencoder exercises';
    if (exercise.rules.fixedLoss !== 'meanSquaredError')
      return 'the reconstruction error needs the training rules to fix the loss to meanSquaredError';
    return null;
  },
});
