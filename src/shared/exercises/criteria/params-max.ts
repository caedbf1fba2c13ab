import { defineCriterion } from './criterion-definition';
import { formatMeasure } from './format-measure';

export const PARAMS_MAX = defineCriterion<{ max: number }>({
  kind: 'params-max',
  label: 'Parameters at most',
  measures:
    'Every parameter of the model, trainable or not (a frozen layer still counts, as do BatchNorm statistics), read ' +
    'from the graph before training. A budget: a submission over it is not trained.',
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
      help: 'Submissions with more parameters (frozen layers count too) are refused before training.',
    },
  ],
  describe: ({ max }) => `Parameters (trainable or frozen) ≤ ${formatMeasure(max, 'count')}`,
  target: ({ max }) => max,
  measure: (_params, { analysis }) => ({ value: analysis.totalParams }),
  gatesTraining: true,
});
