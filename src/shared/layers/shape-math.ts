import type { Shape } from '../graph/model-graph';

/**
 * Output length of a convolution or pooling window along one axis, exactly as tfjs-layers' `convOutputLength`:
 * `same` keeps ceil(in / stride) positions, `valid` only those where the whole window fits.
 * A result ≤ 0 means the window does not fit at all.
 */
export function convOutputLength(inputLength: number, windowSize: number, padding: string, stride: number): number {
  const covered = padding === 'same' ? inputLength : inputLength - windowSize + 1;
  return Math.floor((covered + stride - 1) / stride);
}

/** Number of elements in a tensor of this shape (batch axis excluded). */
export function elementCount(shape: Shape): number {
  return shape.reduce((product, dim) => product * dim, 1);
}

/**
 * "[36, 36, 1]": the one way a shape is written, in problem messages, on node cards and edges, in the inspector, the
 * dataset picker and `layerlab summary`; "?" where the shape can't be known yet (a problem at or before the node).
 */
export function formatShape(shape: Shape | null | undefined): string {
  return shape ? `[${shape.join(', ')}]` : '?';
}

export function shapesEqual(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((dim, i) => dim === b[i]);
}
