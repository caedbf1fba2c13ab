/**
 * Deepest nesting of arrays and objects in a parsed JSON value, counted without recursion and stopping once `limit`
 * is passed. JSON.parse accepts nesting of any depth, but recursive readers (zod among them) overflow the stack on
 * it, so files from outside check this first.
 */
export function jsonDepthExceeds(value: unknown, limit: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth + 1 > limit) return true;
    const children = Array.isArray(current) ? current : Object.values(current as Record<string, unknown>);
    for (const child of children) {
      if (child !== null && typeof child === 'object') stack.push({ value: child, depth: depth + 1 });
    }
  }
  return false;
}

/** Nesting LayerLab's files never need (a graph is 4 levels, weights a few more); deeper input is refused. */
export const MAX_JSON_DEPTH = 64;
