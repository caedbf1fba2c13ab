import { getLayerDefinition } from '../../layers/catalogue';
import type { LayerKind } from '../../graph/model-graph';
import { defineCriterion } from './criterion-definition';

export const EXCLUDES_KIND = defineCriterion<{ kind: LayerKind }>({
  kind: 'excludes-kind',
  label: 'Does not contain a layer kind',
  measures: 'How many layers of the kind the model has (it must have none), on the path from the Input to the output.',
  stage: 'static',
  comparison: 'at-most',
  unit: 'count',
  params: [
    {
      key: 'kind',
      label: 'Layer kind',
      type: 'layer-kind',
      default: 'BatchNorm',
      help: 'The kind the model must not use.',
    },
  ],
  describe: ({ kind }) => `Contains no ${getLayerDefinition(kind).displayName} layer`,
  target: () => 0,
  measure: ({ kind }, { modelNodes }) => ({ value: modelNodes.filter((node) => node.kind === kind).length }),
});
