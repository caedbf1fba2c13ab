import { defineCriterion } from './criterion-definition';

export const LAYERS_MAX = defineCriterion<{ max: number }>({
  kind: 'layers-max',
  label: 'At most n layers',
  measures: 'How many layers the model has besides its Input, on the path from the Input to the output.',
  stage: 'static',
  comparison: 'at-most',
  unit: 'count',
  params: [
    {
      key: 'max',
      label: 'Maximum layers',
      type: 'integer',
      min: 1,
      max: 1000,
      default: 5,
      help: 'Every layer counts (Flatten, Dropout and Activation too); the Input does not.',
    },
  ],
  describe: ({ max }) => `At most ${max} layer${max === 1 ? '' : 's'} (besides the Input)`,
  target: ({ max }) => max,
  measure: (_params, { modelNodes }) => ({ value: modelNodes.filter((node) => node.kind !== 'Input').length }),
});
