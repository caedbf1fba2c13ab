import { defineLayer } from '../layer-definition';
import { NO_PARAMS, shapeOk } from '../shape-result';
import { shapeOf } from '../config-values';
import { formatShape } from '../shape-math';

export const INPUT_LAYER = defineLayer({
  kind: 'Input',
  displayName: 'Input',
  category: 'Core',
  fields: [
    {
      key: 'shape',
      label: 'Shape',
      type: 'shape',
      default: [36, 36, 1],
      help: 'Shape of one sample without the batch axis: [height, width, channels] for images (the fonts are [36, 36, 1]), [features] for tables.',
    },
  ],
  inputs: { min: 0, max: 0 },
  explanation:
    'Where the data enters the network. It computes nothing: each sample (a 36×36 grayscale image, a point with two coordinates, ...) is handed to the next layer unchanged. Its shape must match the dataset; one model has exactly one Input.',
  outputShape: (_inputs, config) => shapeOk([...shapeOf(config, 'shape')]),
  paramCount: () => NO_PARAMS,
  summary: (config) => formatShape(shapeOf(config, 'shape')),
});
