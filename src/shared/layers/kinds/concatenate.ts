import { defineLayer } from '../layer-definition';
import { numberOf } from '../config-values';
import { formatShape } from '../shape-math';
import { NO_PARAMS, shapeError, shapeOk } from '../shape-result';

export const CONCATENATE_LAYER = defineLayer({
  kind: 'Concatenate',
  displayName: 'Concatenate',
  category: 'Merge',
  fields: [
    {
      key: 'axis',
      label: 'Axis',
      type: 'int',
      default: -1,
      help: 'Axis to join along, as in tfjs: −1 is the last axis (channels of an image, features of a vector); positive values count the batch axis as 0.',
    },
  ],
  inputs: { min: 2, max: Infinity },
  explanation:
    'Joins its inputs side by side along one axis (by default the last: feature vectors become one longer vector, images stack their channels). All other axes must match. The order of the inputs (their port) is the order of the parts. It has no parameters.',
  formula: 'y = [x₁ ‖ x₂ ‖ … ‖ x_n]',
  outputShape: (inputs, config) => {
    const rank = inputs[0].length;
    const requested = numberOf(config, 'axis');
    // tfjs counts a positive axis with the batch axis at 0; our shapes leave the batch axis out.
    const axis = requested < 0 ? rank + requested : requested - 1;
    if (requested === 0) {
      return shapeError('bad-axis', 'Concatenate cannot join along axis 0, the batch axis. Use −1 for the last axis.');
    }
    if (axis < 0 || axis >= rank) {
      return shapeError(
        'bad-axis',
        `Concatenate axis ${requested} does not exist for inputs of shape ${formatShape(inputs[0])} (use −${rank}..−1 or 1..${rank}).`,
      );
    }
    const compatible = inputs.every(
      (shape) => shape.length === rank && shape.every((dim, i) => i === axis || dim === inputs[0][i]),
    );
    if (!compatible) {
      return shapeError(
        'merge-shape-mismatch',
        `Concatenate along axis ${requested} needs inputs that match on every other axis but gets ${inputs.map(formatShape).join(' and ')}.`,
      );
    }
    const output = [...inputs[0]];
    output[axis] = inputs.reduce((sum, shape) => sum + shape[axis], 0);
    return shapeOk(output);
  },
  paramCount: () => NO_PARAMS,
  summary: (config) => `axis ${numberOf(config, 'axis')}`,
});
