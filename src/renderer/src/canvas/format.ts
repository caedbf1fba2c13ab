import type { Shape } from '../../../shared/graph/model-graph';

/** "36×36×4" for an image tensor, "128" for a vector; "?" when the shape can't be known yet. */
export function formatShape(shape: Shape | null | undefined): string {
  if (!shape) return '?';
  if (shape.length === 0) return 'scalar';
  return shape.join('×');
}

/** "1,296" style grouping, the way Keras's summary prints parameter counts. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
