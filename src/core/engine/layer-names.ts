import type { ModelGraph } from '../../shared/graph/model-graph';

/**
 * The tfjs layer name of every node: the node's label (or id) reduced to the characters tfjs accepts in names,
 * made unique within the graph. Deterministic, so shapes and weights can be matched back to nodes.
 */
export function layerNamesForGraph(graph: ModelGraph): Map<string, string> {
  const names = new Map<string, string>();
  const used = new Set<string>();
  for (const node of graph.nodes) {
    const base = sanitize(node.label ?? node.id);
    let name = base;
    for (let suffix = 2; used.has(name); suffix++) name = `${base}_${suffix}`;
    used.add(name);
    names.set(node.id, name);
  }
  return names;
}

function sanitize(text: string): string {
  const cleaned = text
    .trim()
    .replace(/[^A-Za-z0-9_.-]+/g, '_')
    .replace(/^[^A-Za-z]+/, '');
  return cleaned.length > 0 ? `${cleaned}` : 'layer';
}
