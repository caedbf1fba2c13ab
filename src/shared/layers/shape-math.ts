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

/** "[36, 36, 1]" — the way shapes appear in messages and on node cards. */
export function formatShape(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

export function shapesEqual(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((dim, i) => dim === b[i]);
}
