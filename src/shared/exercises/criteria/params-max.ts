import { defineCriterion } from './criterion-definition';
import { formatMeasure } from './format-measure';

export const PARAMS_MAX = defineCriterion<{ max: number }>({
  kind: 'params-max',
  label: 'Trainable parameters at most',
  measures:
    'The number of trainable weights and biases of the model, read from the graph before training. A budget: a submission over it is not trained.',
  stage: 'static',
  comparison: 'at-most',
  unit: 'count',
  params: [
    {
      key: 'max',
      label: 'Parameter budget',
      type: 'integer',
      min: 1,
      max: 100_000_000,
      default: 50_000,
      help: 'Submissions with more trainable parameters are refused before training.',
    },
  ],
  describe: ({ max }) => `Trainable parameters ≤ ${formatMeasure(max, 'count')}`,
  target: ({ max }) => max,
  measure: (_params, { analysis }) => ({ value: analysis.trainableParams }),
  gatesTraining: true,
});
