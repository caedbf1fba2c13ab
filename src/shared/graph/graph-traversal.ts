import type { GraphEdge, GraphNode, ModelGraph } from './model-graph';

/**
 * Walking a graph along its edges, in one place (after xyflow's `packages/system/src/utils/graph.ts`): the editor's
 * connection rules, the analysis and its task checks all ask "what feeds what" through these.
 */

type Wiring = Pick<ModelGraph, 'nodes' | 'edges'>;

/** The nodes with an edge into `nodeId`, in edge order. */
export function getIncomers(graph: Wiring, nodeId: string): GraphNode[] {
  return endpoints(
    graph,
    graph.edges.filter((e) => e.target === nodeId).map((e) => e.source),
  );
}

/** The nodes `nodeId` has an edge to, in edge order. */
export function getOutgoers(graph: Wiring, nodeId: string): GraphNode[] {
  return endpoints(
    graph,
    graph.edges.filter((e) => e.source === nodeId).map((e) => e.target),
  );
}

/** The edges touching any of `nodeIds`. */
export function getConnectedEdges(graph: Wiring, nodeIds: Iterable<string>): GraphEdge[] {
  const ids = new Set(nodeIds);
  return graph.edges.filter((e) => ids.has(e.source) || ids.has(e.target));
}

/** Node ids reachable from `start` (included) by repeatedly following `next`; each node is visited once. */
export function reachable(start: Iterable<string>, next: (id: string) => Iterable<string>): Set<string> {
  const seen = new Set<string>(start);
  const stack = [...seen];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    for (const neighbour of next(id)) {
      if (!seen.has(neighbour)) {
        seen.add(neighbour);
        stack.push(neighbour);
      }
    }
  }
  return seen;
}

/** Where each node's edges lead (`downstream`) or come from (`upstream`), indexed once for repeated walks. */
export function neighbours(
  edges: readonly GraphEdge[],
  direction: 'downstream' | 'upstream',
): (id: string) => string[] {
  const index = new Map<string, string[]>();
  for (const edge of edges) {
    const [from, to] = direction === 'downstream' ? [edge.source, edge.target] : [edge.target, edge.source];
    const list = index.get(from);
    if (list) list.push(to);
    else index.set(from, [to]);
  }
  return (id) => index.get(id) ?? [];
}

/** True when a path of edges leads from `from` to `to` (a node reaches itself). */
export function reaches(graph: Pick<ModelGraph, 'edges'>, from: string, to: string): boolean {
  return reachable([from], neighbours(graph.edges, 'downstream')).has(to);
}

function endpoints(graph: Wiring, ids: string[]): GraphNode[] {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
