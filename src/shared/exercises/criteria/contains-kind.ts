import { getLayerDefinition } from '../../layers/catalogue';
import type { LayerKind } from '../../graph/model-graph';
import { defineCriterion } from './criterion-definition';

export const CONTAINS_KIND = defineCriterion<{ kind: LayerKind; atLeast: number }>({
  kind: 'contains-kind',
  label: 'Contains a layer kind',
  measures: 'How many layers of the kind the model has, counting only layers on the path from the Input to the output.',
  stage: 'static',
  comparison: 'at-least',
  unit: 'count',
  params: [
    { key: 'kind', label: 'Layer kind', type: 'layer-kind', default: 'Conv2D', help: 'The kind the model must use.' },
    {
      key: 'atLeast',
      label: 'At least',
      type: 'integer',
      min: 1,
      max: 1000,
      default: 1,
      help: 'How many layers of that kind, e.g. 7 Dense layers so that none may be removed.',
    },
  ],
  describe: ({ kind, atLeast }) => {
    const name = getLayerDefinition(kind).displayName;
    return atLeast === 1 ? `Contains a ${name} layer` : `Contains at least ${atLeast} ${name} layers`;
  },
  target: ({ atLeast }) => atLeast,
  measure: ({ kind }, { modelNodes }) => ({ value: modelNodes.filter((node) => node.kind === kind).length }),
});
