import type { Shape } from '../graph/model-graph';
import type { ShapeProblemCode } from '../graph/problems';
import type { ShapeRepair, ShapeResult } from './layer-definition';
import { formatShape } from './shape-math';

export function shapeOk(shape: Shape): ShapeResult {
  return { ok: true, shape };
}

/** A failed shape rule; the message is completed with the node's name by analyzeGraph. */
export function shapeError(code: ShapeProblemCode, message: string, repair?: ShapeRepair): ShapeResult {
  return repair ? { ok: false, code, message, repair } : { ok: false, code, message };
}

/** Conv2D and pooling need [height, width, channels]. */
export function requireImage(layer: string, input: Shape): ShapeResult | null {
  if (input.length === 3) return null;
  const hint =
    input.length === 1
      ? ' Insert a Reshape (e.g. to [height, width, 1]) before it.'
      : ' Use Reshape to give it [height, width, channels].';
  // A flat input with a square number of values reads as a one-channel square image.
  const side = Math.round(Math.sqrt(input[0]));
  const square = input.length === 1 && side * side === input[0];
  return shapeError(
    'needs-image',
    `${layer} needs an image input [height, width, channels] but gets ${formatShape(input)}.${hint}`,
    square ? { type: 'insert-reshape', targetShape: [side, side, 1] } : undefined,
  );
}

/** No parameters: the count every parameter-free layer reports. */
export const NO_PARAMS = { trainable: 0, nonTrainable: 0 } as const;

/** Identity shape rule for element-wise layers (activations, dropout, noise). */
export function sameShape(inputs: Shape[]): ShapeResult {
  return shapeOk([...inputs[0]]);
}
