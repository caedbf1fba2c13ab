import type { Shape } from '../graph/model-graph';
import type { ShapeResult } from './layer-definition';
import { convOutputLength } from './shape-math';
import { shapeError, shapeOk } from './shape-result';

/**
 * Spatial output of a sliding window (convolution kernel or pooling window) over an [H, W, C] input, as tfjs
 * computes it; `what` names the window in the error, e.g. "kernel" or "pool".
 */
export function slideWindow(
  what: string,
  input: Shape,
  window: [number, number],
  strides: [number, number],
  padding: string,
  channels: number,
): ShapeResult {
  const [height, width] = input;
  const outHeight = convOutputLength(height, window[0], padding, strides[0]);
  const outWidth = convOutputLength(width, window[1], padding, strides[1]);
  if (outHeight <= 0 || outWidth <= 0) {
    return shapeError(
      'window-too-large',
      `${what} ${window[0]}×${window[1]} is larger than its ${height}×${width} input (with valid padding). Use a smaller ${what}, or padding "same".`,
    );
  }
  return shapeOk([outHeight, outWidth, channels]);
}
