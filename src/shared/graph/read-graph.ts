import { LAYER_KINDS, type GraphEdge, type GraphNode, type ModelGraph } from './model-graph';
import { describeNode, type GraphProblem } from './problems';

/**
 * The usable part of a graph, indexed for analysis: well-formed nodes (first of each id), edges between existing
 * nodes, and a problem for everything dropped. It accepts any value, so a hand-edited file cannot crash analysis.
 */
export interface GraphIndex {
  nodes: GraphNode[];
  nodeById: Map<string, GraphNode>;
  edges: GraphEdge[];
  /** Incoming edges per node id, ordered by `targetPort` (unset ports last), then by position in the file. */
  incoming: Map<string, GraphEdge[]>;
  outgoing: Map<string, GraphEdge[]>;
  /** `graph.outputId` when it is a string. */
  outputId: string | undefined;
  problems: GraphProblem[];
}

const KINDS: ReadonlySet<string> = new Set(LAYER_KINDS);

export function readGraph(graph: ModelGraph | unknown): GraphIndex {
  const index: GraphIndex = {
    nodes: [],
    nodeById: new Map(),
    edges: [],
    incoming: new Map(),
    outgoing: new Map(),
    outputId: undefined,
    problems: [],
  };
  if (!isRecord(graph) || !Array.isArray(graph.nodes)) {
    index.problems.push(invalid('The graph has no list of nodes; the file is not a LayerLab model.'));
    return index;
  }
  readNodes(graph.nodes, index);
  if (graph.edges !== undefined && !Array.isArray(graph.edges)) {
    index.problems.push(invalid('The graph\'s "edges" is not a list; its connections are ignored.'));
  } else {
    readEdges(graph.edges ?? [], index);
  }
  if (typeof graph.outputId === 'string') index.outputId = graph.outputId;
  return index;
}

function readNodes(rawNodes: unknown[], index: GraphIndex): void {
  rawNodes.forEach((raw, i) => {
    if (!isRecord(raw) || typeof raw.id !== 'string' || raw.id === '') {
      index.problems.push(invalid(`graph.nodes[${i}] has no id and is ignored.`));
      return;
    }
    const id = raw.id;
    if (id === '__proto__') {
      // Results are keyed by node id in plain objects, where this key would replace the prototype.
      index.problems.push(invalid(`graph.nodes[${i}] uses the reserved id "__proto__" and is ignored.`));
      return;
    }
    if (typeof raw.kind !== 'string' || !KINDS.has(raw.kind)) {
      index.problems.push({
        nodeId: id,
        code: 'invalid-graph',
        severity: 'error',
        message: `Node "${id}" has kind ${JSON.stringify(raw.kind ?? null)}, which is not a layer kind.`,
      });
      return;
    }
    const node = raw as unknown as GraphNode;
    if (index.nodeById.has(id)) {
      index.problems.push({
        nodeId: id,
        code: 'duplicate-node-id',
        severity: 'error',
        message: `Two nodes share the id "${id}"; the second one (${describeNode(node)}) is ignored. Ids must be unique.`,
      });
      return;
    }
    index.nodes.push(node);
    index.nodeById.set(id, node);
    index.incoming.set(id, []);
    index.outgoing.set(id, []);
  });
}

function readEdges(rawEdges: unknown[], index: GraphIndex): void {
  const edgeIds = new Set<string>();
  const ports = new Map<GraphEdge, number>();
  rawEdges.forEach((raw, i) => {
    if (!isRecord(raw) || typeof raw.source !== 'string' || typeof raw.target !== 'string') {
      index.problems.push(invalid(`graph.edges[${i}] has no source or target and is ignored.`));
      return;
    }
    const edge = raw as unknown as GraphEdge;
    const edgeId = typeof raw.id === 'string' ? raw.id : undefined;
    if (edgeId !== undefined) {
      if (edgeIds.has(edgeId)) {
        index.problems.push({
          edgeId,
          code: 'duplicate-edge-id',
          severity: 'error',
          message: `Two connections share the id "${edgeId}"; the second one is ignored.`,
        });
        return;
      }
      edgeIds.add(edgeId);
    }
    const missing = [edge.source, edge.target].filter((id) => !index.nodeById.has(id));
    if (missing.length > 0) {
      index.problems.push({
        edgeId,
        code: 'missing-endpoint',
        severity: 'error',
        message: `Connection ${edgeId ? `"${edgeId}" ` : ''}from "${edge.source}" to "${edge.target}" refers to ${missing.map((id) => `"${id}"`).join(' and ')}, which ${missing.length > 1 ? 'do' : 'does'} not exist.`,
        fix: edgeId ? { type: 'remove-edge', edgeId, label: 'Remove this connection' } : undefined,
      });
      return;
    }
    ports.set(edge, typeof raw.targetPort === 'number' ? raw.targetPort : Infinity);
    index.edges.push(edge);
    index.outgoing.get(edge.source)?.push(edge);
    index.incoming.get(edge.target)?.push(edge);
  });
  // Array.prototype.sort is stable, so equal ports keep file order.
  for (const list of index.incoming.values()) {
    if (list.length > 1) list.sort((a, b) => comparePorts(ports.get(a) ?? Infinity, ports.get(b) ?? Infinity));
  }
}

function comparePorts(a: number, b: number): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

function invalid(message: string): GraphProblem {
  return { code: 'invalid-graph', severity: 'error', message };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function successors(index: GraphIndex, id: string): string[] {
  return (index.outgoing.get(id) ?? []).map((edge) => edge.target);
}

export function predecessors(index: GraphIndex, id: string): string[] {
  return (index.incoming.get(id) ?? []).map((edge) => edge.source);
}
