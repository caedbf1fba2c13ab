import type { GraphEdge, GraphNode, ModelGraph } from '../graph/model-graph';
import { withDefaults } from '../layers/catalogue';
import { describeNode } from '../graph/problems';
import type { Exercise } from './exercise';

/** Joins an edge's endpoints into one key; node ids never contain it. */
const SEP = '\u0000';

/** How a locked node differs from the exercise's starting graph. */
export interface LockedNodeChange {
  nodeId: string;
  change: 'removed' | 'kind' | 'settings' | 'connections' | 'output';
  /** A sentence naming the node, e.g. `Dense "dense-3" was removed`. */
  message: string;
}

/**
 * Compares the locked nodes of `graph` with the exercise's starting graph. A locked node keeps its kind and settings
 * (missing settings count as their defaults), the connections between locked nodes stay as drawn, and a locked output
 * stays the output. Layers may be added around locked nodes and between locked nodes that were not connected.
 */
export function lockedNodeChanges(
  exercise: Exercise,
  graph: ModelGraph,
  outputId: string | null = graph.outputId ?? null,
): LockedNodeChange[] {
  const locked = new Set(exercise.lockedNodeIds ?? []);
  if (locked.size === 0) return [];
  const start = exercise.start.graph;
  const submitted = new Map(graph.nodes.map((node) => [node.id, node]));
  const changes: LockedNodeChange[] = [];
  for (const original of start.nodes) {
    if (!locked.has(original.id)) continue;
    const node = submitted.get(original.id);
    const name = describeNode(original);
    if (node === undefined) changes.push({ nodeId: original.id, change: 'removed', message: `${name} was removed` });
    else if (node.kind !== original.kind)
      changes.push({ nodeId: node.id, change: 'kind', message: `${name} was turned into a ${node.kind}` });
    else if (!sameSettings(original, node))
      changes.push({ nodeId: node.id, change: 'settings', message: `the settings of ${name} were changed` });
  }
  const lockedEdges = (edges: readonly GraphEdge[]) =>
    new Set(
      edges
        .filter((edge) => locked.has(edge.source) && locked.has(edge.target))
        .map((edge) => [edge.source, edge.target, edge.targetPort ?? 0].join(SEP)),
    );
  const before = lockedEdges(start.edges);
  const after = lockedEdges(graph.edges);
  const rewiredTargets = new Set(
    [...before, ...after].filter((edge) => before.has(edge) !== after.has(edge)).map((edge) => edge.split(SEP)[1]),
  );
  for (const target of rewiredTargets) {
    const node = submitted.get(target);
    if (node === undefined || changes.some((change) => change.nodeId === target)) continue;
    changes.push({
      nodeId: target,
      change: 'connections',
      message: `the connections into ${describeNode(node)} were changed`,
    });
  }
  const startOutput = start.outputId;
  if (startOutput !== undefined && locked.has(startOutput) && submitted.has(startOutput) && outputId !== startOutput) {
    changes.push({
      nodeId: startOutput,
      change: 'output',
      message: `${describeNode(submitted.get(startOutput)!)} is no longer the model's output`,
    });
  }
  return changes;
}

function sameSettings(a: GraphNode, b: GraphNode): boolean {
  return canonicalJson(withDefaults(a.kind, a.config)) === canonicalJson(withDefaults(b.kind, b.config));
}

/** JSON with object keys sorted, so that key order does not count as a change. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
