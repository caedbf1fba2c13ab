import { defineCriterion } from './criterion-definition';
import { formatMeasure } from './format-measure';

export const OVERFITTING_GAP_MAX = defineCriterion<{ max: number }>({
  kind: 'overfitting-gap-max',
  label: 'Train − validation accuracy gap at most',
  measures:
    'Training accuracy minus validation accuracy in the last epoch: the distance between the two accuracy curves, a measure of overfitting. The training accuracy is measured while training, with Dropout active, as the chart shows it.',
  stage: 'trained',
  comparison: 'at-most',
  unit: 'fraction',
  params: [
    {
      key: 'max',
      label: 'Maximum gap',
      type: 'fraction',
      min: 0,
      max: 1,
      default: 0.1,
      help: 'Pair it with a minimum validation accuracy, or a model that learns nothing passes.',
    },
  ],
  describe: ({ max }) => `Train − validation accuracy gap ≤ ${formatMeasure(max, 'fraction')}`,
  target: ({ max }) => max,
  measure: (_params, { run }) =>
    run === null || run.trainAccuracy === null || run.valAccuracy === null
      ? { value: null }
      : { value: run.trainAccuracy - run.valAccuracy },
  exerciseProblem: (_params, exercise) =>
    exercise.task === 'classification' ? null : 'accuracy is only measured for classification exercises',
});
