import { defineLayer } from '../layer-definition';
import { elementCount, formatShape } from '../shape-math';
import { NO_PARAMS, shapeError, shapeOk } from '../shape-result';

export const FLATTEN_LAYER = defineLayer({
  kind: 'Flatten',
  displayName: 'Flatten',
  category: 'Convolution',
  fields: [],
  inputs: { min: 1, max: 1 },
  explanation:
    'Unrolls an image-like tensor into one long vector, e.g. 18×18×4 feature maps into 1296 numbers, so that Dense layers (which treat each input as a separate feature) can follow the convolutions. It only rearranges values and has no parameters.',
  formula: '[H, W, C] → [H·W·C]',
  outputShape: (inputs) => {
    const input = inputs[0];
    // tfjs's Flatten declares minNDim 3 (batch included) and refuses an input that is already flat.
    if (input.length < 2) {
      return shapeError(
        'already-flat',
        `Flatten gets ${formatShape(input)}, which is already flat. Remove the Flatten.`,
      );
    }
    return shapeOk([elementCount(input)]);
  },
  paramCount: () => NO_PARAMS,
  summary: () => '→ 1D',
});
