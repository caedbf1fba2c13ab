import { countOf } from '../../../shared/text/plural';
import type { Edge, Node } from '@xyflow/react';
import {
  flowDirection,
  type FlowDirection,
  type GraphEdge,
  type GraphNode,
  type JsonValue,
  type LayerKind,
  type ModelGraph,
} from '../../../shared/graph/model-graph';
import type { GraphProblem } from '../../../shared/graph/problems';
import type { GraphAnalysis } from '../store/analysis';
import type { XY } from '../store/editor-store';
import { formatShape } from '../../../shared/layers/shape-math';

/** What a layer card needs to draw itself. `config` and `label` ride along so the mapping can go back. */
export type CanvasNodeData = {
  kind: LayerKind;
  config: Record<string, JsonValue>;
  label?: string;
  /** "36×36×4", or "?" when the shape can't be inferred. */
  shapeText: string;
  params: number;
  problems: GraphProblem[];
  isOutput: boolean;
  /** The graph's flow: the card's input handle on top (down) or on the left (right). */
  direction: FlowDirection;
  /** Locked by the open exercise: shown with a lock, and edits to it are refused. */
  locked: boolean;
};

export type CanvasNode = Node<CanvasNodeData, 'layer'>;

export type CanvasEdgeData = {
  /** Shape of the tensor the edge carries (its source's output). */
  shapeText: string;
  /** For merge layers: which input slot the edge feeds. */
  targetPort?: number;
  invalid: boolean;
};

export type CanvasEdge = Edge<CanvasEdgeData, 'shape'>;

/** View state the canvas shows but the saved graph never holds. */
export interface CanvasViewState {
  selectedNodes: ReadonlySet<string>;
  selectedEdges: ReadonlySet<string>;
  dragPositions: ReadonlyMap<string, XY> | null;
  measured: ReadonlyMap<string, { width: number; height: number }>;
  /** Cards the open exercise locks; none outside an exercise. */
  locked?: ReadonlySet<string>;
}

const NO_PROBLEMS: GraphProblem[] = [];

function outputIdOf(graph: ModelGraph, analysis: GraphAnalysis | null): string | undefined {
  return graph.outputId ?? analysis?.outputId ?? undefined;
}

/** ModelGraph → React Flow. Stateless; see `createCanvasMapper` for the identity-preserving version the UI uses. */
export function graphToCanvas(
  graph: ModelGraph,
  view: CanvasViewState,
  analysis: GraphAnalysis | null,
): { nodes: CanvasNode[]; edges: CanvasEdge[] } {
  return createCanvasMapper()(graph, view, analysis);
}

/**
 * A mapper that hands back the same node/edge objects when nothing about them changed, so memoized cards
 * and React Flow's own per-node cache skip the work: with 300 nodes, one edit re-creates only what it touched.
 */
export function createCanvasMapper(): (
  graph: ModelGraph,
  view: CanvasViewState,
  analysis: GraphAnalysis | null,
) => { nodes: CanvasNode[]; edges: CanvasEdge[] } {
  let nodeCache = new Map<string, { key: string; source: GraphNode; node: CanvasNode }>();
  let edgeCache = new Map<string, { key: string; source: GraphEdge; edge: CanvasEdge }>();

  return (graph, view, analysis) => {
    const problemsByNode = new Map<string, GraphProblem[]>();
    const problemEdges = new Set<string>();
    for (const p of analysis?.problems ?? []) {
      if (p.nodeId) {
        const list = problemsByNode.get(p.nodeId);
        if (list) list.push(p);
        else problemsByNode.set(p.nodeId, [p]);
      }
      if (p.edgeId) problemEdges.add(p.edgeId);
    }
    const outputId = outputIdOf(graph, analysis);
    const direction = flowDirection(graph);

    const nextNodes = new Map<string, { key: string; source: GraphNode; node: CanvasNode }>();
    const nodes = graph.nodes.map((gn) => {
      const shapeText = formatShape(analysis?.shapes[gn.id]);
      const p = analysis?.params[gn.id];
      const params = p ? p.trainable + p.nonTrainable : 0;
      const problems = problemsByNode.get(gn.id) ?? NO_PROBLEMS;
      const selected = view.selectedNodes.has(gn.id);
      const position = view.dragPositions?.get(gn.id) ?? gn.position;
      const measured = view.measured.get(gn.id);
      const locked = view.locked?.has(gn.id) ?? false;
      const key = [
        locked,
        shapeText,
        params,
        selected,
        gn.id === outputId,
        position.x,
        position.y,
        measured?.width,
        measured?.height,
        direction,
        problems.map((pr) => pr.code + pr.message + (pr.fix?.label ?? '')).join('|'),
      ].join(';');
      const cached = nodeCache.get(gn.id);
      if (cached && cached.source === gn && cached.key === key) {
        nextNodes.set(gn.id, cached);
        return cached.node;
      }
      const node: CanvasNode = {
        id: gn.id,
        type: 'layer',
        position: { x: position.x, y: position.y },
        selected,
        ariaLabel: `${gn.kind} ${gn.label ?? gn.id}${locked ? ' (locked)' : ''}, output ${shapeText}${problems.length > 0 ? `, ${countOf(problems.length, 'problem')}: ${problems[0].message}` : ''}`,
        data: {
          kind: gn.kind,
          config: gn.config,
          ...(gn.label !== undefined ? { label: gn.label } : {}),
          shapeText,
          params,
          problems,
          isOutput: gn.id === outputId,
          direction,
          locked,
        },
      };
      if (measured) node.measured = { width: measured.width, height: measured.height };
      nextNodes.set(gn.id, { key, source: gn, node });
      return node;
    });
    nodeCache = nextNodes;

    const nextEdges = new Map<string, { key: string; source: GraphEdge; edge: CanvasEdge }>();
    const edges = graph.edges.map((ge) => {
      const shapeText = formatShape(analysis?.shapes[ge.source]);
      const selected = view.selectedEdges.has(ge.id);
      const invalid = problemEdges.has(ge.id);
      const key = `${shapeText};${selected};${invalid}`;
      const cached = edgeCache.get(ge.id);
      if (cached && cached.source === ge && cached.key === key) {
        nextEdges.set(ge.id, cached);
        return cached.edge;
      }
      const edge: CanvasEdge = {
        id: ge.id,
        type: 'shape',
        source: ge.source,
        target: ge.target,
        selected,
        data: { shapeText, invalid, ...(ge.targetPort !== undefined ? { targetPort: ge.targetPort } : {}) },
      };
      nextEdges.set(ge.id, { key, source: ge, edge });
      return edge;
    });
    edgeCache = nextEdges;
    return { nodes, edges };
  };
}

/**
 * React Flow → ModelGraph: keeps what the saved model holds (id, kind, config, label, position; edges with their
 * merge slot) and drops view state (selected, dragging, measured, derived shapes).
 */
export function canvasToGraph(
  nodes: readonly CanvasNode[],
  edges: readonly CanvasEdge[],
  outputId?: string,
  direction: FlowDirection = 'down',
): ModelGraph {
  const graph: ModelGraph = {
    version: 1,
    nodes: nodes.map((n) => {
      const node: GraphNode = {
        id: n.id,
        kind: n.data.kind,
        config: n.data.config,
        position: { x: n.position.x, y: n.position.y },
      };
      if (n.data.label !== undefined) node.label = n.data.label;
      return node;
    }),
    edges: edges.map((e) => {
      const edge: GraphEdge = { id: e.id, source: e.source, target: e.target };
      if (e.data?.targetPort !== undefined) edge.targetPort = e.data.targetPort;
      return edge;
    }),
  };
  if (outputId !== undefined) graph.outputId = outputId;
  if (direction !== 'down') graph.direction = direction;
  return graph;
}
