import { defineLayer } from '../layer-definition';
import { formatShape, shapesEqual } from '../shape-math';
import { NO_PARAMS, shapeError, shapeOk } from '../shape-result';

export const ADD_LAYER = defineLayer({
  kind: 'Add',
  displayName: 'Add',
  category: 'Merge',
  fields: [],
  inputs: { min: 2, max: Infinity },
  explanation:
    "Adds its inputs element by element; they must all have the same shape. Adding a layer's input to its output builds a residual (skip) connection, which lets gradients flow straight through deep networks. It has no parameters.",
  formula: 'y = x₁ + x₂ + … + x_n',
  outputShape: (inputs) => {
    // Stricter than tfjs, which would broadcast size-1 axes: for students a size mismatch is almost always a mistake.
    const mismatch = inputs.find((shape) => !shapesEqual(shape, inputs[0]));
    if (mismatch) {
      return shapeError(
        'merge-shape-mismatch',
        `Add needs inputs of the same shape but gets ${inputs.map(formatShape).join(' and ')}.`,
      );
    }
    return shapeOk([...inputs[0]]);
  },
  paramCount: () => NO_PARAMS,
  summary: () => '+',
});
