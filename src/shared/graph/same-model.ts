import type { ModelGraph } from './model-graph';

/**
 * Whether two graphs build the same model: the same layers (id, kind, settings, name), connections (with merge
 * slots) and output. Where the cards sit and which way the canvas flows don't count. Used to warn that an export of
 * an earlier run is not the graph on the canvas any more.
 */
export function sameModel(a: ModelGraph, b: ModelGraph): boolean {
  return a === b || modelKey(a) === modelKey(b);
}

function modelKey(graph: ModelGraph): string {
  const nodes = graph.nodes
    .map((node) => [node.id, node.kind, canonical(node.config), node.label ?? ''])
    .sort((x, y) => (x[0] < y[0] ? -1 : 1));
  const edges = graph.edges.map((edge) => [edge.source, edge.target, edge.targetPort ?? -1]).sort();
  return JSON.stringify([nodes, edges, graph.outputId ?? null]);
}

/** JSON with object keys in sorted order, so settings written in another order compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(record[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
