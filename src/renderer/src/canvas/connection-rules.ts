import type { ModelGraph } from '../../../shared/graph/model-graph';
import { getLayerDefinition } from '../../../shared/layers/catalogue';
import { describeNode } from '../../../shared/graph/problems';

const nodeName = describeNode;

/**
 * Why the edge `source → target` must be refused, in words for the status line; null when it is fine.
 */
export function connectionProblem(graph: ModelGraph, source: string, target: string): string | null {
  const find = (id: string) => graph.nodes.find((n) => n.id === id);
  const from = find(source);
  const to = find(target);
  if (!from || !to) return 'That layer no longer exists.';
  if (source === target) return `${nodeName(to)} can't feed itself.`;
  const def = getLayerDefinition(to.kind);
  if (def.inputs.max === 0) return `${nodeName(to)} is where data enters the model; it takes no inputs.`;
  if (graph.edges.some((e) => e.source === source && e.target === target)) {
    return `${nodeName(from)} already feeds ${nodeName(to)}.`;
  }
  // A cycle is the deeper reason, so it is named even when the target is also full.
  if (reaches(graph, target, source))
    return `That would make a cycle: ${nodeName(to)} already feeds into ${nodeName(from)}.`;
  const incoming = graph.edges.filter((e) => e.target === target).length;
  if (incoming >= def.inputs.max) {
    return def.inputs.max === 1
      ? `${nodeName(to)} takes a single input and already has one. Use Add or Concatenate to merge branches.`
      : `${nodeName(to)} takes at most ${def.inputs.max} inputs.`;
  }
  return null;
}

/** True when a path leads from `start` to `goal` along the graph's edges. */
function reaches(graph: ModelGraph, start: string, goal: string): boolean {
  const out = new Map<string, string[]>();
  for (const e of graph.edges) {
    const list = out.get(e.source);
    if (list) list.push(e.target);
    else out.set(e.source, [e.target]);
  }
  const seen = new Set<string>([start]);
  const stack = [start];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === goal) return true;
    for (const next of out.get(id) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return false;
}
