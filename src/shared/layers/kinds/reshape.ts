import { defineLayer } from '../layer-definition';
import { shapeOf } from '../config-values';
import { elementCount, formatShape } from '../shape-math';
import { NO_PARAMS, shapeError, shapeOk } from '../shape-result';

export const RESHAPE_LAYER = defineLayer({
  kind: 'Reshape',
  displayName: 'Reshape',
  category: 'Convolution',
  fields: [
    {
      key: 'targetShape',
      label: 'Target shape',
      type: 'shape',
      default: [1296],
      help: 'New shape without the batch axis; it must hold exactly as many values as the input, e.g. [1296] ↔ [36, 36, 1].',
    },
  ],
  inputs: { min: 1, max: 1 },
  explanation:
    'Rearranges the same values into a new shape, e.g. a flat vector of 1296 pixels back into a 36×36×1 image so that convolutions can use it, or the output of a decoder back into image form. The number of values must stay the same. It has no parameters.',
  outputShape: (inputs, config) => {
    const target = shapeOf(config, 'targetShape');
    const have = elementCount(inputs[0]);
    const want = elementCount(target);
    if (have !== want) {
      return shapeError(
        'reshape-size-mismatch',
        `Reshape cannot turn ${formatShape(inputs[0])} (${have} values) into ${formatShape(target)} (${want} values).`,
      );
    }
    return shapeOk([...target]);
  },
  paramCount: () => NO_PARAMS,
  summary: (config) => `→ ${formatShape(shapeOf(config, 'targetShape'))}`,
});
