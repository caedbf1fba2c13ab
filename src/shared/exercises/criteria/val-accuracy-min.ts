import { defineCriterion } from './criterion-definition';
import { formatMeasure } from './format-measure';

export const VAL_ACCURACY_MIN = defineCriterion<{ min: number }>({
  kind: 'val-accuracy-min',
  label: 'Validation accuracy at least',
  measures: 'The share of validation samples classified correctly after the last epoch.',
  stage: 'trained',
  comparison: 'at-least',
  unit: 'fraction',
  params: [
    {
      key: 'min',
      label: 'Minimum accuracy',
      type: 'fraction',
      min: 0,
      max: 1,
      default: 0.8,
      help: 'Set it a few points below what your reference solution reaches, so a correct solution always passes.',
    },
  ],
  describe: ({ min }) => `Validation accuracy ≥ ${formatMeasure(min, 'fraction')}`,
  target: ({ min }) => min,
  measure: (_params, { run }) => ({ value: run?.valAccuracy ?? null }),
  exerciseProblem: (_params, exercise) =>
    exercise.task === 'classification' ? null : 'accuracy is only measured for classification exercises',
});
