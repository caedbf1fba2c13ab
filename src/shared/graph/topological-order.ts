/** A directed edge between node ids; edges to unknown ids must be filtered out before ordering. */
export interface OrderEdge {
  source: string;
  target: string;
}

export interface TopologicalOrder {
  /** Every node not caught in or behind a cycle, sources first; ties keep the order of `nodeIds`. */
  order: string[];
  /** Nodes lying on a cycle (empty when the graph is acyclic). */
  cycleNodeIds: string[];
}

/**
 * Kahn's algorithm. Nodes that cannot be ordered are either on a cycle or downstream of one; to name only the
 * nodes on cycles, the leftovers are trimmed from the other side too (repeatedly dropping those whose successors
 * are all gone).
 */
export function topologicalOrder(nodeIds: readonly string[], edges: readonly OrderEdge[]): TopologicalOrder {
  const successors = new Map<string, string[]>();
  const inDegree = new Map<string, number>();
  for (const id of nodeIds) {
    successors.set(id, []);
    inDegree.set(id, 0);
  }
  for (const { source, target } of edges) {
    successors.get(source)?.push(target);
    inDegree.set(target, (inDegree.get(target) ?? 0) + 1);
  }

  const order: string[] = [];
  const ready = nodeIds.filter((id) => inDegree.get(id) === 0);
  // Index-based queue: shift() would make long chains quadratic.
  for (let head = 0; head < ready.length; head++) {
    const id = ready[head];
    order.push(id);
    for (const next of successors.get(id) ?? []) {
      const remaining = (inDegree.get(next) ?? 0) - 1;
      inDegree.set(next, remaining);
      if (remaining === 0) ready.push(next);
    }
  }
  if (order.length === nodeIds.length) return { order, cycleNodeIds: [] };

  const ordered = new Set(order);
  const leftover = new Set(nodeIds.filter((id) => !ordered.has(id)));
  const outDegree = new Map<string, number>();
  const predecessors = new Map<string, string[]>();
  for (const id of leftover) {
    outDegree.set(id, 0);
    predecessors.set(id, []);
  }
  for (const { source, target } of edges) {
    if (leftover.has(source) && leftover.has(target)) {
      outDegree.set(source, (outDegree.get(source) ?? 0) + 1);
      predecessors.get(target)?.push(source);
    }
  }
  const trimmable = [...leftover].filter((id) => outDegree.get(id) === 0);
  for (let head = 0; head < trimmable.length; head++) {
    const id = trimmable[head];
    leftover.delete(id);
    for (const previous of predecessors.get(id) ?? []) {
      const remaining = (outDegree.get(previous) ?? 0) - 1;
      outDegree.set(previous, remaining);
      if (remaining === 0) trimmable.push(previous);
    }
  }
  return { order, cycleNodeIds: nodeIds.filter((id) => leftover.has(id)) };
}
