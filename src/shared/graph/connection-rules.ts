import { getLayerDefinition } from '../layers/catalogue';
import { reaches } from './graph-traversal';
import type { ModelGraph } from './model-graph';
import { describeNode } from './problems';

/**
 * Why the edge `source → target` must be refused, in words for the status line; null when it is fine. The canvas
 * asks while the user drags a connection, the editor again before adding it.
 */
export function connectionProblem(graph: ModelGraph, source: string, target: string): string | null {
  const find = (id: string) => graph.nodes.find((n) => n.id === id);
  const from = find(source);
  const to = find(target);
  if (!from || !to) return 'That layer no longer exists.';
  if (source === target) return `${describeNode(to)} can't feed itself.`;
  const def = getLayerDefinition(to.kind);
  if (def.inputs.max === 0) return `${describeNode(to)} is where data enters the model; it takes no inputs.`;
  if (graph.edges.some((e) => e.source === source && e.target === target)) {
    return `${describeNode(from)} already feeds ${describeNode(to)}.`;
  }
  // A cycle is the deeper reason, so it is named even when the target is also full.
  if (reaches(graph, target, source))
    return `That would make a cycle: ${describeNode(to)} already feeds into ${describeNode(from)}.`;
  const incoming = graph.edges.filter((e) => e.target === target).length;
  if (incoming >= def.inputs.max) {
    return def.inputs.max === 1
      ? `${describeNode(to)} takes a single input and already has one. Use Add or Concatenate to merge branches.`
      : `${describeNode(to)} takes at most ${def.inputs.max} inputs.`;
  }
  return null;
}
