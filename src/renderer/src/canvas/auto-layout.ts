import type { ELK as ElkInstance } from 'elkjs/lib/elk-api';
import { flowDirection, type FlowDirection, type ModelGraph } from '../../../shared/graph/model-graph';
import { DEFAULT_CARD_SIZE, type XY } from '../store/editor-store';

let elk: ElkInstance | null = null;
let loading: Promise<ElkInstance> | null = null;

/**
 * Starts loading ELK (~1.5 MB) without waiting for it; the app calls this once it is idle so the first
 * Auto-layout is instant rather than a download-and-parse away.
 */
export function preloadLayout(): Promise<ElkInstance> {
  loading ??= import('elkjs/lib/elk.bundled.js').then(({ default: ELK }) => (elk = new ELK()));
  return loading;
}

/**
 * Layered layout (ELK's `layered`, the Sugiyama family) with the cards' measured sizes, so a tall error card gets
 * the room it needs: data flows down (or, for `right`, left to right) and merges line up after their branches.
 * Returns new top-left positions in flow coordinates.
 */
export async function layoutGraph(
  graph: ModelGraph,
  measured: ReadonlyMap<string, { width: number; height: number }> = new Map(),
  direction: FlowDirection = flowDirection(graph),
): Promise<Map<string, XY>> {
  // ELK is large; it is not part of the app's first load (see preloadLayout).
  if (!elk) elk = await preloadLayout();
  const ids = new Set(graph.nodes.map((n) => n.id));
  const result = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': direction === 'right' ? 'RIGHT' : 'DOWN',
      'elk.layered.spacing.nodeNodeBetweenLayers': '60',
      'elk.spacing.nodeNode': '40',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children: graph.nodes.map((n) => ({ id: n.id, ...(measured.get(n.id) ?? DEFAULT_CARD_SIZE) })),
    edges: graph.edges
      .filter((e) => e.source !== e.target && ids.has(e.source) && ids.has(e.target))
      .map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  const positions = new Map<string, XY>();
  for (const child of result.children ?? [])
    positions.set(child.id, { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) });
  return positions;
}
