import { flowDirection, type GraphEdge, type GraphNode, type LayerKind, type ModelGraph } from './model-graph';
import type { LayerConfig } from '../layers/layer-definition';
import { getLayerDefinition, withDefaults } from '../layers/catalogue';
import type { GraphFix } from './problems';

/**
 * Makes ids for new nodes and edges; `hint` is the layer kind for a node and "edge" for an edge. Injected so that
 * edits stay pure and tests deterministic.
 */
export type IdFactory = (hint: string) => string;

/**
 * One step along the data flow, in flow coordinates: a row of cards when the graph runs down, a column when it runs
 * to the right. A layer inserted after another lands one step further, with a step of its own.
 */
function flowStep(graph: ModelGraph): XY {
  return flowDirection(graph) === 'right' ? { x: 260, y: 0 } : { x: 0, y: 120 };
}

/** How far along the data flow a position is (its y when the graph runs down, its x when it runs right). */
function alongFlow(graph: ModelGraph, position: XY): number {
  return flowDirection(graph) === 'right' ? position.x : position.y;
}

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
    : { x: after.position.x + flowStep(graph).x, y: after.position.y + flowStep(graph).y };
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
    : { x: before.position.x - flowStep(graph).x, y: before.position.y - flowStep(graph).y };
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
    case 'move-before':
      return moveBefore(graph, fix.nodeId, fix.beforeNodeId, idFactory);
    case 'set-edge-source':
      return {
        ...graph,
        edges: graph.edges.map((edge) => (edge.id === fix.edgeId ? { ...edge, source: fix.sourceId } : edge)),
      };
  }
}

/**
 * Moves the single-input layer `nodeId` from after `beforeId` (its only input) to just before it: a → B → N → c
 * becomes a → N → B → c. N's consumers now read from B (keeping their merge slots), and N and B swap places on the
 * canvas. The same graph when N does not read from B alone.
 */
export function moveBefore(graph: ModelGraph, nodeId: string, beforeId: string, idFactory: IdFactory): ModelGraph {
  const node = graph.nodes.find((n) => n.id === nodeId);
  const before = graph.nodes.find((n) => n.id === beforeId);
  const into = graph.edges.filter((edge) => edge.target === nodeId);
  if (!node || !before || into.length !== 1 || into[0].source !== beforeId) return graph;
  const edges: GraphEdge[] = [];
  for (const edge of graph.edges) {
    if (edge === into[0]) continue;
    // What fed B now feeds N; what N fed, B feeds.
    if (edge.target === beforeId) {
      const { targetPort: _port, ...rest } = edge;
      edges.push({ ...rest, target: nodeId });
    } else if (edge.source === nodeId) edges.push({ ...edge, source: beforeId });
    else edges.push(edge);
  }
  edges.push({ id: idFactory('edge'), source: nodeId, target: beforeId });
  const nodes = graph.nodes.map((n) =>
    n.id === nodeId ? { ...n, position: before.position } : n.id === beforeId ? { ...n, position: node.position } : n,
  );
  // If N was the chosen output, B (now last) takes its place.
  const outputId = graph.outputId === nodeId ? beforeId : graph.outputId;
  return withOutput({ ...graph, nodes, edges }, outputId);
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
 * anchor's consumers), one step further along the flow, with everything beyond pushed a step. Returns the graph and
 * the new id.
 */
export function addLayerAfter(
  graph: ModelGraph,
  anchorId: string | null,
  kind: LayerKind,
  idFactory: IdFactory,
  sizeOf?: SizeOf,
): { graph: ModelGraph; nodeId: string } {
  let next = insertNodeAfter(graph, anchorId, kind, idFactory);
  const added = next.nodes[next.nodes.length - 1];
  const anchor = graph.nodes.find((node) => node.id === anchorId);
  if (anchor && next.edges.some((edge) => edge.target === added.id)) {
    const step = stepAfter(graph, anchor, sizeOf);
    // Wired in between the anchor and what it fed: those move a step on; at the end of a chain, nothing moves.
    next = next.edges.some((edge) => edge.source === added.id)
      ? makeRoomBelow(next, anchor, added.id, step)
      : placeAfter(next, anchor, added.id, step);
  }
  return { graph: next, nodeId: added.id };
}

/**
 * How far past `anchor` the next card along the flow goes: a row (or column), or more when the anchor is a tall card
 * (one showing an error and its fix), so the new card never lands on it.
 */
function stepAfter(graph: ModelGraph, anchor: GraphNode, sizeOf: SizeOf | undefined): XY {
  const base = flowStep(graph);
  if (!sizeOf) return base;
  const { width, height } = sizeOf(anchor);
  return flowDirection(graph) === 'right'
    ? { x: Math.max(base.x, width + 60), y: 0 }
    : { x: 0, y: Math.max(base.y, height + 30) };
}

function placeAfter(graph: ModelGraph, anchor: GraphNode, nodeId: string, step: XY): ModelGraph {
  const position = { x: anchor.position.x + step.x, y: anchor.position.y + step.y };
  return { ...graph, nodes: graph.nodes.map((node) => (node.id === nodeId ? { ...node, position } : node)) };
}

/** The node without consumers that sits furthest along the flow (lowest, or rightmost): where a chain being built ends. */
export function lowestSink(graph: ModelGraph): GraphNode | null {
  const feeding = new Set(graph.edges.map((edge) => edge.source));
  let best: GraphNode | null = null;
  for (const node of graph.nodes) {
    if (feeding.has(node.id)) continue;
    if (!best || alongFlow(graph, node.position) > alongFlow(graph, best.position)) best = node;
  }
  return best;
}

/** Applies a fix; a layer it inserts between two cards gets a row of its own instead of covering them. */
export function applyFixWithRoom(graph: ModelGraph, fix: GraphFix, sizeOf?: SizeOf): ModelGraph {
  let next = applyFix(graph, fix);
  const existing = new Set(graph.nodes.map((node) => node.id));
  for (const added of next.nodes.filter((node) => !existing.has(node.id))) {
    const feeder = next.edges.find((edge) => edge.target === added.id);
    const anchor = feeder && next.nodes.find((node) => node.id === feeder.source);
    if (anchor) next = makeRoomBelow(next, anchor, added.id, stepAfter(next, anchor, sizeOf));
  }
  return next;
}

/** Puts `insertedId` one step after `anchor` and moves everything beyond the anchor one step further. */
function makeRoomBelow(graph: ModelGraph, anchor: GraphNode, insertedId: string, step: XY): ModelGraph {
  const shifted = (p: XY) => ({ x: p.x + step.x, y: p.y + step.y });
  return {
    ...graph,
    nodes: graph.nodes.map((node) => {
      if (node.id === insertedId) return { ...node, position: shifted(anchor.position) };
      if (alongFlow(graph, node.position) > alongFlow(graph, anchor.position) + 10)
        return { ...node, position: shifted(node.position) };
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
    // A spread, so fields of the position this version does not know stay (see unknown-fields.ts).
    return { ...node, position: { ...node.position, x: p.x, y: p.y } };
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

/** Adds a copy of `fragment` with fresh ids, shifted by `offset`; returns the graph and the new node ids. */
export function insertFragment(
  graph: ModelGraph,
  fragment: GraphFragment,
  offset: XY,
  idFactory: IdFactory = sequentialIds(graph),
): { graph: ModelGraph; nodeIds: string[] } {
  const idMap = new Map(fragment.nodes.map((node) => [node.id, idFactory(node.kind)]));
  const nodes: GraphNode[] = fragment.nodes.map((node) => ({
    ...node,
    id: idMap.get(node.id) as string,
    position: { x: node.position.x + offset.x, y: node.position.y + offset.y },
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

/** A card's size on the canvas, in flow units (measured by the view; a default where it was not). */
export type SizeOf = (node: GraphNode) => { width: number; height: number };

/** Space left between a pasted copy and the cards beside it, in flow units. */
const PASTE_GAP = 40;

/**
 * How far to shift a pasted `fragment` from where it was copied: one fragment width (plus a gap) to the right, and
 * further right, a width at a time, until the copy covers no card of `graph`. So pastes land beside their originals
 * and repeated pastes line up instead of stacking.
 */
export function pasteOffset(graph: ModelGraph, fragment: GraphFragment, sizeOf: SizeOf): XY {
  if (fragment.nodes.length === 0) return { x: 0, y: 0 };
  const box = boundsOf(fragment.nodes, sizeOf);
  const step = box.right - box.left + PASTE_GAP;
  const occupied = graph.nodes.map((node) => boundsOf([node], sizeOf));
  for (let k = 1; ; k++) {
    const dx = step * k;
    const free = occupied.every(
      (o) => o.right <= box.left + dx || o.left >= box.right + dx || o.bottom <= box.top || o.top >= box.bottom,
    );
    // Every card lies to the left of some step: the loop ends after at most one step per card.
    if (free) return { x: dx, y: 0 };
  }
}

function boundsOf(nodes: readonly GraphNode[], sizeOf: SizeOf) {
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const node of nodes) {
    const { width, height } = sizeOf(node);
    left = Math.min(left, node.position.x);
    top = Math.min(top, node.position.y);
    right = Math.max(right, node.position.x + width);
    bottom = Math.max(bottom, node.position.y + height);
  }
  return { left, top, right, bottom };
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

/** A step beyond the node furthest along the flow, so a node added from the palette does not cover another. */
function freePosition(graph: ModelGraph): { x: number; y: number } {
  if (graph.nodes.length === 0) return { x: 0, y: 0 };
  const last = graph.nodes.reduce((a, node) =>
    alongFlow(graph, node.position) > alongFlow(graph, a.position) ? node : a,
  );
  const step = flowStep(graph);
  return { x: last.position.x + step.x, y: last.position.y + step.y };
}

/** The graph drawn the other way (see `ModelGraph.direction`); positions are left to the auto-layout that follows. */
export function setFlowDirection(graph: ModelGraph, direction: 'down' | 'right'): ModelGraph {
  if (flowDirection(graph) === direction) return graph;
  const { direction: _old, ...rest } = graph;
  return direction === 'down' ? rest : { ...rest, direction };
}

/** Cards closer than this along the flow after one grows are pushed apart, in flow units. */
const GROWTH_GAP = 24;

/**
 * A card grew (an error message and its fix appeared): the cards it now covers, below it and beside it in its
 * column, move down with everything under them, so error cards push their neighbours instead of overlapping them.
 * Cards that already overlapped it before it grew are left alone (the user put them there). The same graph when
 * nothing has to move.
 */
export function makeRoomForGrowth(graph: ModelGraph, nodeId: string, heightBefore: number, sizeOf: SizeOf): ModelGraph {
  const grown = graph.nodes.find((node) => node.id === nodeId);
  if (!grown) return graph;
  const { width, height } = sizeOf(grown);
  if (height <= heightBefore) return graph;
  const top = grown.position.y;
  const left = grown.position.x;
  const covered = graph.nodes.filter((node) => {
    if (node.id === nodeId) return false;
    const other = sizeOf(node);
    const besideInColumn = node.position.x < left + width && node.position.x + other.width > left;
    const y = node.position.y;
    return besideInColumn && y >= top + heightBefore && y < top + height + GROWTH_GAP;
  });
  if (covered.length === 0) return graph;
  const firstTop = Math.min(...covered.map((node) => node.position.y));
  const push = top + height + GROWTH_GAP - firstTop;
  return {
    ...graph,
    nodes: graph.nodes.map((node) =>
      node.id !== nodeId && node.position.y >= firstTop
        ? { ...node, position: { ...node.position, y: node.position.y + push } }
        : node,
    ),
  };
}
