import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyzeGraph } from '../../../shared/graph/analyze-graph';
import { arbValidGraph } from '../../../shared/graph/testing/random-graphs';
import { TEMPLATES } from '../../../shared/templates';
import { canvasToGraph, createCanvasMapper, graphToCanvas, type CanvasViewState } from './canvas-mapping';

const NO_VIEW: CanvasViewState = {
  selectedNodes: new Set(),
  selectedEdges: new Set(),
  dragPositions: null,
  measured: new Map(),
};

describe('canvas mapping', () => {
  it('round-trips every template: ModelGraph → React Flow → ModelGraph is the identity', () => {
    for (const t of TEMPLATES) {
      const { nodes, edges } = graphToCanvas(t.graph, NO_VIEW, analyzeGraph(t.graph));
      expect(canvasToGraph(nodes, edges, t.graph.outputId), t.id).toEqual(t.graph);
    }
  });

  it('round-trips random valid graphs (fast-check, seeded)', () => {
    fc.assert(
      fc.property(arbValidGraph({ maxSteps: 8 }), (graph) => {
        const { nodes, edges } = graphToCanvas(graph, NO_VIEW, analyzeGraph(graph));
        expect(canvasToGraph(nodes, edges, graph.outputId)).toEqual(graph);
      }),
      { seed: 42, numRuns: 60 },
    );
  });

  it('never carries view state (selected, measured, drag positions) back into the saved graph', () => {
    const graph = TEMPLATES.find((t) => t.id === 'cnn')!.graph;
    const first = graph.nodes[0].id;
    const view: CanvasViewState = {
      selectedNodes: new Set([first]),
      selectedEdges: new Set([graph.edges[0].id]),
      dragPositions: null,
      measured: new Map([[first, { width: 200, height: 80 }]]),
    };
    const { nodes, edges } = graphToCanvas(graph, view, analyzeGraph(graph));
    expect(nodes[0].selected).toBe(true);
    expect(nodes[0].measured).toEqual({ width: 200, height: 80 });
    const back = canvasToGraph(nodes, edges, graph.outputId);
    expect(JSON.stringify(back)).not.toMatch(/selected|measured|dragging|shapeText|problems/);
    expect(back).toEqual(graph);
  });

  it('shows shapes, parameter counts and problems on the nodes and shapes on the edges', () => {
    const graph = TEMPLATES.find((t) => t.id === 'cnn')!.graph;
    const { nodes, edges } = graphToCanvas(graph, NO_VIEW, analyzeGraph(graph));
    const conv = nodes.find((n) => n.data.kind === 'Conv2D')!;
    expect(conv.data.shapeText).toBe('[36, 36, 4]');
    expect(conv.data.params).toBe(4 * 5 * 5 + 4);
    const intoPool = edges.find((e) => e.source === conv.id)!;
    expect(intoPool.data?.shapeText).toBe('[36, 36, 4]');
    expect(nodes[nodes.length - 1].data.isOutput).toBe(true);
  });

  it('hands back the same objects for untouched nodes so memoized cards skip rendering', () => {
    const graph = TEMPLATES.find((t) => t.id === 'feed-forward')!.graph;
    const map = createCanvasMapper();
    const a = map(graph, NO_VIEW, analyzeGraph(graph));
    const moved = { ...graph, nodes: graph.nodes.map((n, i) => (i === 0 ? { ...n, position: { x: 99, y: 0 } } : n)) };
    const b = map(moved, NO_VIEW, analyzeGraph(moved));
    expect(b.nodes[0]).not.toBe(a.nodes[0]);
    expect(b.nodes.slice(1)).toEqual(a.nodes.slice(1));
    b.nodes.slice(1).forEach((n, i) => expect(n).toBe(a.nodes[i + 1]));
    b.edges.forEach((e, i) => expect(e).toBe(a.edges[i]));
  });
});
