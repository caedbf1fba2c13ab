/** Matches a shape as the canvas prints it, "[18, 18, 4]" or "18×18×4", nothing else. */
export function shapeText(dims: number[]): RegExp {
  return new RegExp(`^\\s*\\[?${dims.join('(?:, |×| × )')}\\]?\\s*$`);
}
