import { defineCriterion } from './criterion-definition';
import { formatMeasure } from './format-measure';

export const PARAMS_MIN = defineCriterion<{ min: number }>({
  kind: 'params-min',
  label: 'Parameters at least',
  measures:
    'Every parameter of the model, trainable or not (a frozen layer still counts, as do BatchNorm statistics), read ' +
    'from the graph before training.',
  stage: 'static',
  comparison: 'at-least',
  unit: 'count',
  params: [
    {
      key: 'min',
      label: 'Minimum parameters',
      type: 'integer',
      min: 0,
      max: 100_000_000,
      default: 1_000,
      help: 'Keeps the model from being shrunk to pass another criterion, or pins an architecture together with a budget.',
    },
  ],
  describe: ({ min }) => `Parameters (trainable or frozen) ≥ ${formatMeasure(min, 'count')}`,
  target: ({ min }) => min,
  measure: (_params, { analysis }) => ({ value: analysis.totalParams }),
});
