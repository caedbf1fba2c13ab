import type { GraphEdge } from '../../../shared/graph/model-graph';

/** Vertical distance between layers and horizontal distance between branches, in flow units (as the templates use). */
const ROW_HEIGHT = 110;
const COLUMN_WIDTH = 260;

/**
 * Top-to-bottom positions for a freshly imported graph: each node one row below its deepest input (longest path
 * from the sources), nodes of a row side by side in file order, centred. The app's Auto-layout can refine it.
 */
export function layeredPositions(
  ids: readonly string[],
  edges: readonly GraphEdge[],
): Map<string, { x: number; y: number }> {
  const incoming = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const edge of edges) incoming.get(edge.target)?.push(edge.source);
  const row = new Map<string, number>();
  // `ids` is in topological order (sources first), so every input's row is known when a node is reached.
  for (const id of ids) {
    const inputs = incoming.get(id) ?? [];
    row.set(id, inputs.length === 0 ? 0 : Math.max(...inputs.map((source) => (row.get(source) ?? 0) + 1)));
  }
  const rows = new Map<number, string[]>();
  for (const id of ids) {
    const r = row.get(id)!;
    rows.set(r, [...(rows.get(r) ?? []), id]);
  }
  const positions = new Map<string, { x: number; y: number }>();
  for (const [r, members] of rows) {
    members.forEach((id, i) => {
      positions.set(id, { x: (i - (members.length - 1) / 2) * COLUMN_WIDTH, y: r * ROW_HEIGHT });
    });
  }
  return positions;
}
