import { defineCriterion } from './criterion-definition';
import { formatMeasure } from './format-measure';

export const VAL_LOSS_MAX = defineCriterion<{ max: number }>({
  kind: 'val-loss-max',
  label: 'Validation loss at most',
  measures: 'The mean loss on the validation samples after the last epoch (with the loss the check trains with).',
  stage: 'trained',
  comparison: 'at-most',
  unit: 'loss',
  params: [
    {
      key: 'max',
      label: 'Maximum loss',
      type: 'number',
      min: 0,
      max: 100,
      default: 0.5,
      help: 'Losses are only comparable for the same loss function: fix the loss in the training rules.',
    },
  ],
  describe: ({ max }) => `Validation loss ≤ ${formatMeasure(max, 'loss')}`,
  target: ({ max }) => max,
  measure: (_params, { run }) => ({ value: run?.valLoss ?? null }),
  exerciseProblem: (_params, exercise) =>
    exercise.rules.fixedLoss === undefined
      ? 'a validation-loss target needs a fixed loss in the training rules (losses differ in scale)'
      : null,
});
