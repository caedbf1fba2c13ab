import { pairOf, stringOf } from '../../shared/layers/config-values';
import type { PlannedLayer } from './export-plan';

/** Zero (or −∞) cells added before and after the rows and columns: [top, bottom, left, right]. */
export type Padding2d = [top: number, bottom: number, left: number, right: number];

/**
 * The padding TensorFlow's (and tfjs's) `same` uses: enough for ceil(size / stride) windows, split evenly with
 * the odd cell after (bottom/right). PyTorch's own `padding='same'` differs for strides > 1, so exporters use this.
 */
export function samePadding(size: number, window: number, stride: number): [before: number, after: number] {
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + window - size, 0);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

/** The window, stride and padding of a Conv2D or pooling layer on its [height, width, channels] input. */
export function windowGeometry(layer: PlannedLayer): {
  window: [number, number];
  strides: [number, number];
  padding: Padding2d;
} {
  const key = layer.kind === 'Conv2D' ? 'kernelSize' : 'poolSize';
  const window = pairOf(layer.config, key) ?? [1, 1];
  const strides = pairOf(layer.config, 'strides') ?? window;
  const [height, width] = layer.inputShapes[0];
  if (stringOf(layer.config, 'padding') !== 'same') return { window, strides, padding: [0, 0, 0, 0] };
  const [top, bottom] = samePadding(height, window[0], strides[0]);
  const [left, right] = samePadding(width, window[1], strides[1]);
  return { window, strides, padding: [top, bottom, left, right] };
}

export function isSymmetric([top, bottom, left, right]: Padding2d): boolean {
  return top === bottom && left === right;
}
