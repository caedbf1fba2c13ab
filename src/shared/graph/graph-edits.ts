import type { GraphEdge, GraphNode, LayerKind, ModelGraph } from './model-graph';
import type { LayerConfig } from '../layers/layer-definition';
import { getLayerDefinition, withDefaults } from '../layers/catalogue';
import type { GraphFix } from './problems';

/**
 * Makes ids for new nodes and edges; `hint` is the layer kind for a node and "edge" for an edge. Injected so that
 * edits stay pure and tests deterministic.
 */
export type IdFactory = (hint: string) => string;

/** Distance between a node and one inserted after it when there is nothing downstream, in flow coordinates. */
const INSERT_OFFSET = { x: 0, y: 120 };
/** Height of one row of cards, in flow coordinates: an inserted layer gets a row of its own. */
const ROW = 120;

/** Some layers and the edges among them (edges to layers left out are not part of it): what copy and paste carry. */
export interface GraphFragment {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

type XY = { x: number; y: number };

/** A new node of `kind` with every config field at its default. */
export function createNode(kind: LayerKind, position: { x: number; y: number }, id: string): GraphNode {
  return { id, kind, config: withDefaults(kind, {}), position: { x: position.x, y: position.y } };
}

/**
 * Ids "dense-1", "dense-2", "edge-1"... skipping every id already in the graph or handed out before. The default
 * factory for `applyFix`.
 */
export function sequentialIds(graph: ModelGraph): IdFactory {
  const taken = new Set<string>([...graph.nodes.map((node) => node.id), ...graph.edges.map((edge) => edge.id)]);
  return (hint) => {
    const prefix = hint.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
    let n = 1;
    while (taken.has(`${prefix}-${n}`)) n++;
    const id = `${prefix}-${n}`;
    taken.add(id);
    return id;
  };
}

/**
 * Adds a layer after `afterNodeId`, taking over its outgoing connections (a → b becomes a → new → b); with null,
 * or for an Input (which takes no connections), the layer is added unconnected. The new node is the last in `nodes`.
 */
export function insertNodeAfter(
  graph: ModelGraph,
  afterNodeId: string | null,
  kind: LayerKind,
  idFactory: IdFactory,
): ModelGraph {
  const after = afterNodeId === null ? undefined : graph.nodes.find((node) => node.id === afterNodeId);
  const id = idFactory(kind);
  if (!after || getLayerDefinition(kind).inputs.max === 0) {
    const node = createNode(kind, freePosition(graph), id);
    return { ...graph, nodes: [...graph.nodes, node] };
  }
  const outgoing = graph.edges.filter((edge) => edge.source === after.id);
  const firstTarget = graph.nodes.find((node) => node.id === outgoing[0]?.target);
  const position = firstTarget
    ? midpoint(after.position, firstTarget.position)
    : { x: after.position.x + INSERT_OFFSET.x, y: after.position.y + INSERT_OFFSET.y };
  const node = createNode(kind, position, id);
  const edges = graph.edges.map((edge) => (edge.source === after.id ? { ...edge, source: id } : edge));
  edges.push({ id: idFactory('edge'), source: after.id, target: id });
  // If the old node was the chosen output, the new last layer takes its place.
  const outputId = graph.outputId === after.id && outgoing.length === 0 ? id : graph.outputId;
  return withOutput({ ...graph, nodes: [...graph.nodes, node], edges }, outputId);
}

/**
 * Puts a new single-input layer between `beforeNodeId` and everything feeding it (s → b becomes s → new → b).
 */
export function insertNodeBefore(
  graph: ModelGraph,
  beforeNodeId: string,
  kind: LayerKind,
  config: LayerConfig,
  idFactory: IdFactory,
): ModelGraph {
  const before = graph.nodes.find((node) => node.id === beforeNodeId);
  if (!before) return graph;
  const incoming = graph.edges.filter((edge) => edge.target === before.id);
  const firstSource = graph.nodes.find((node) => node.id === incoming[0]?.source);
  const position = firstSource
    ? midpoint(firstSource.position, before.position)
    : { x: before.position.x - INSERT_OFFSET.x, y: before.position.y - INSERT_OFFSET.y };
  const node: GraphNode = { ...createNode(kind, position, idFactory(kind)), config: withDefaults(kind, config) };
  const edges: GraphEdge[] = graph.edges.map((edge) => {
    if (edge.target !== before.id) return edge;
    const { targetPort: _port, ...rest } = edge;
    return { ...rest, target: node.id };
  });
  edges.push({ id: idFactory('edge'), source: node.id, target: before.id });
  return { ...graph, nodes: [...graph.nodes, node], edges };
}

/**
 * Deletes nodes and their connections. A removed node with one input and one output is bridged (a → x → b
 * becomes a → b), also through a chain of such nodes removed together, so deleting a Dropout keeps the net whole.
 */
export function removeNodes(graph: ModelGraph, ids: readonly string[]): ModelGraph {
  const removed = new Set(ids);
  if (!graph.nodes.some((node) => removed.has(node.id))) return graph;
  const incoming = (id: string) => graph.edges.filter((edge) => edge.target === id);
  const outgoing = (id: string) => graph.edges.filter((edge) => edge.source === id);

  const kept = graph.edges.filter((edge) => !removed.has(edge.source) && !removed.has(edge.target));
  const bridges: GraphEdge[] = [];
  for (const entry of graph.edges) {
    if (removed.has(entry.source) || !removed.has(entry.target)) continue;
    let current = entry.target;
    let last: GraphEdge | undefined;
    const visited = new Set<string>();
    while (removed.has(current) && !visited.has(current)) {
      visited.add(current);
      const ins = incoming(current);
      const outs = outgoing(current);
      if (ins.length !== 1 || outs.length !== 1) {
        last = undefined;
        break;
      }
      last = outs[0];
      current = last.target;
    }
    if (!last || removed.has(current)) continue;
    const target = current;
    const duplicate = [...kept, ...bridges].some((edge) => edge.source === entry.source && edge.target === target);
    if (duplicate) continue;
    // The last edge of the bridged chain is gone with its source; its id and port carry over to the bridge.
    bridges.push({ ...last, source: entry.source });
  }
  const outputId = graph.outputId !== undefined && removed.has(graph.outputId) ? undefined : graph.outputId;
  return withOutput(
    { ...graph, nodes: graph.nodes.filter((node) => !removed.has(node.id)), edges: [...kept, ...bridges] },
    outputId,
  );
}

/** Applies a problem's one-click fix; ids for inserted nodes come from `idFactory` (default: sequentialIds). */
export function applyFix(graph: ModelGraph, fix: GraphFix, idFactory: IdFactory = sequentialIds(graph)): ModelGraph {
  switch (fix.type) {
    case 'insert-flatten':
      return insertNodeBefore(graph, fix.beforeNodeId, 'Flatten', {}, idFactory);
    case 'insert-reshape':
      return insertNodeBefore(graph, fix.beforeNodeId, 'Reshape', { targetShape: [...fix.targetShape] }, idFactory);
    case 'set-input-shape':
      return setConfigValue(graph, fix.nodeId, 'shape', [...fix.shape]);
    case 'set-config':
      return setConfigValue(graph, fix.nodeId, fix.key, Array.isArray(fix.value) ? [...fix.value] : fix.value);
    case 'remove-edge':
      return { ...graph, edges: graph.edges.filter((edge) => edge.id !== fix.edgeId) };
    case 'set-output':
      return { ...graph, outputId: fix.nodeId };
  }
}

/** One config field of one node changed; the rest of the graph shared, not copied. */
export function setConfigValue(graph: ModelGraph, nodeId: string, key: string, value: LayerConfig[string]): ModelGraph {
  return {
    ...graph,
    nodes: graph.nodes.map((node) =>
      node.id === nodeId ? { ...node, config: { ...node.config, [key]: value } } : node,
    ),
  };
}

/**
 * Adds a layer after `anchorId` the way pressing a palette button does: wired in after it (it takes over the
 * anchor's consumers), one row under it with everything below pushed down a row. Returns the graph and the new id.
 */
export function addLayerAfter(
  graph: ModelGraph,
  anchorId: string | null,
  kind: LayerKind,
  idFactory: IdFactory,
): { graph: ModelGraph; nodeId: string } {
  let next = insertNodeAfter(graph, anchorId, kind, idFactory);
  const added = next.nodes[next.nodes.length - 1];
  const anchor = graph.nodes.find((node) => node.id === anchorId);
  if (anchor && next.edges.some((edge) => edge.source === added.id)) next = makeRoomBelow(next, anchor, added.id);
  return { graph: next, nodeId: added.id };
}

/** The node without consumers that sits lowest on the canvas: where a chain being built ends. */
export function lowestSink(graph: ModelGraph): GraphNode | null {
  const feeding = new Set(graph.edges.map((edge) => edge.source));
  let best: GraphNode | null = null;
  for (const node of graph.nodes) {
    if (feeding.has(node.id)) continue;
    if (!best || node.position.y > best.position.y) best = node;
  }
  return best;
}

/** Applies a fix; a layer it inserts between two cards gets a row of its own instead of covering them. */
export function applyFixWithRoom(graph: ModelGraph, fix: GraphFix): ModelGraph {
  let next = applyFix(graph, fix);
  const existing = new Set(graph.nodes.map((node) => node.id));
  for (const added of next.nodes.filter((node) => !existing.has(node.id))) {
    const feeder = next.edges.find((edge) => edge.target === added.id);
    const anchor = feeder && next.nodes.find((node) => node.id === feeder.source);
    if (anchor) next = makeRoomBelow(next, anchor, added.id);
  }
  return next;
}

/** Puts `insertedId` one row under `anchor` and moves everything below the anchor down a row. */
function makeRoomBelow(graph: ModelGraph, anchor: GraphNode, insertedId: string): ModelGraph {
  return {
    ...graph,
    nodes: graph.nodes.map((node) => {
      if (node.id === insertedId) return { ...node, position: { x: anchor.position.x, y: anchor.position.y + ROW } };
      if (node.position.y > anchor.position.y + 10)
        return { ...node, position: { x: node.position.x, y: node.position.y + ROW } };
      return node;
    }),
  };
}

/**
 * Adds the edge `source → target` (check it with `connectionProblem` first). An edge into a merge layer gets the
 * next input slot, which is Concatenate's order.
 */
export function addEdge(graph: ModelGraph, source: string, target: string, idFactory: IdFactory): ModelGraph {
  const edge: GraphEdge = { id: idFactory('edge'), source, target };
  const targetNode = graph.nodes.find((node) => node.id === target);
  if (targetNode && getLayerDefinition(targetNode.kind).inputs.max > 1)
    edge.targetPort = graph.edges.filter((e) => e.target === target).length;
  return { ...graph, edges: [...graph.edges, edge] };
}

/**
 * Deletes edges and nodes (bridging removed single-input, single-output layers, see `removeNodes`) and keeps the
 * remaining merge inputs numbered 0..n-1, so Concatenate's order stays meaningful.
 */
export function deleteElements(
  graph: ModelGraph,
  elements: { nodes?: Iterable<string>; edges?: Iterable<string> },
): ModelGraph {
  const edgeIds = new Set(elements.edges);
  const nodeIds = [...(elements.nodes ?? [])];
  let next = graph;
  if (edgeIds.size > 0) next = renumberPorts({ ...next, edges: next.edges.filter((edge) => !edgeIds.has(edge.id)) });
  if (nodeIds.length > 0) next = renumberPorts(removeNodes(next, nodeIds));
  return next;
}

/** The node's label, or none for an empty one; the same graph when nothing changes. */
export function setNodeLabel(graph: ModelGraph, nodeId: string, label: string): ModelGraph {
  const node = graph.nodes.find((n) => n.id === nodeId);
  if (!node || (node.label ?? '') === label) return graph;
  const { label: _old, ...rest } = node;
  const updated: GraphNode = label ? { ...rest, label } : rest;
  return { ...graph, nodes: graph.nodes.map((n) => (n === node ? updated : n)) };
}

/** Nodes moved to new positions; the same graph when none actually moves. */
export function moveNodes(graph: ModelGraph, positions: ReadonlyMap<string, XY>): ModelGraph {
  let changed = false;
  const nodes = graph.nodes.map((node) => {
    const p = positions.get(node.id);
    if (!p || (p.x === node.position.x && p.y === node.position.y)) return node;
    changed = true;
    return { ...node, position: { x: p.x, y: p.y } };
  });
  return changed ? { ...graph, nodes } : graph;
}

/** The given nodes and the edges among them. */
export function extractFragment(graph: ModelGraph, nodeIds: ReadonlySet<string>): GraphFragment {
  return {
    nodes: graph.nodes.filter((node) => nodeIds.has(node.id)),
    edges: graph.edges.filter((edge) => nodeIds.has(edge.source) && nodeIds.has(edge.target)),
  };
}

/** Adds a copy of `fragment` with fresh ids, shifted by `offset` on both axes; returns the graph and the new node ids. */
export function insertFragment(
  graph: ModelGraph,
  fragment: GraphFragment,
  offset: number,
  idFactory: IdFactory = sequentialIds(graph),
): { graph: ModelGraph; nodeIds: string[] } {
  const idMap = new Map(fragment.nodes.map((node) => [node.id, idFactory(node.kind)]));
  const nodes: GraphNode[] = fragment.nodes.map((node) => ({
    ...node,
    id: idMap.get(node.id) as string,
    position: { x: node.position.x + offset, y: node.position.y + offset },
  }));
  const edges: GraphEdge[] = fragment.edges.map((edge) => ({
    ...edge,
    id: idFactory('edge'),
    source: idMap.get(edge.source) as string,
    target: idMap.get(edge.target) as string,
  }));
  return {
    graph: { ...graph, nodes: [...graph.nodes, ...nodes], edges: [...graph.edges, ...edges] },
    nodeIds: nodes.map((node) => node.id),
  };
}

/** Keeps merge inputs numbered 0..n-1 after edges go away. */
function renumberPorts(graph: ModelGraph): ModelGraph {
  const byTarget = new Map<string, GraphEdge[]>();
  for (const edge of graph.edges) {
    const list = byTarget.get(edge.target) ?? [];
    list.push(edge);
    byTarget.set(edge.target, list);
  }
  const renumbered = new Map<GraphEdge, GraphEdge>();
  for (const list of byTarget.values()) {
    if (list.length < 2 && list.every((edge) => edge.targetPort === undefined || edge.targetPort === 0)) continue;
    [...list]
      .sort((a, b) => (a.targetPort ?? 0) - (b.targetPort ?? 0))
      .forEach((edge, i) => {
        if (edge.targetPort !== i) renumbered.set(edge, { ...edge, targetPort: i });
      });
  }
  if (renumbered.size === 0) return graph;
  return { ...graph, edges: graph.edges.map((edge) => renumbered.get(edge) ?? edge) };
}

function withOutput(graph: ModelGraph, outputId: string | undefined): ModelGraph {
  const { outputId: _old, ...rest } = graph;
  return outputId === undefined ? rest : { ...rest, outputId };
}

function midpoint(a: { x: number; y: number }, b: { x: number; y: number }): { x: number; y: number } {
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}

/** Below the lowest node, so a node added from the palette does not cover another. */
function freePosition(graph: ModelGraph): { x: number; y: number } {
  if (graph.nodes.length === 0) return { x: 0, y: 0 };
  const lowest = graph.nodes.reduce((low, node) => (node.position.y > low.position.y ? node : low));
  return { x: lowest.position.x + INSERT_OFFSET.x, y: lowest.position.y + INSERT_OFFSET.y };
}
