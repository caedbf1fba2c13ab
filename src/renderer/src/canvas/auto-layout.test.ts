import { describe, expect, it } from 'vitest';
import { getTemplate } from '../../../shared/templates';
import type { ModelGraph } from '../../../shared/graph/model-graph';
import { layoutGraph } from './auto-layout';

describe('layoutGraph', () => {
  it('lays a chain out top to bottom, each layer below the one feeding it', async () => {
    const graph = getTemplate('cnn')!.graph;
    const scrambled: ModelGraph = {
      ...graph,
      nodes: graph.nodes.map((n, i) => ({ ...n, position: { x: (i * 137) % 500, y: (i * 91) % 300 } })),
    };
    const positions = await layoutGraph(scrambled);
    expect(positions.size).toBe(graph.nodes.length);
    for (const e of graph.edges) expect(positions.get(e.target)!.y).toBeGreaterThan(positions.get(e.source)!.y);
  });

  it('puts parallel branches side by side and ignores edges to missing nodes', async () => {
    const graph: ModelGraph = {
      version: 1,
      nodes: ['in', 'a', 'b', 'add'].map((id) => ({
        id,
        kind: id === 'in' ? 'Input' : id === 'add' ? 'Add' : 'Dense',
        config: {},
        position: { x: 0, y: 0 },
      })),
      edges: [
        { id: 'e1', source: 'in', target: 'a' },
        { id: 'e2', source: 'in', target: 'b' },
        { id: 'e3', source: 'a', target: 'add', targetPort: 0 },
        { id: 'e4', source: 'b', target: 'add', targetPort: 1 },
        { id: 'e5', source: 'ghost', target: 'add' },
      ],
    };
    const p = await layoutGraph(graph);
    expect(p.get('a')!.y).toBe(p.get('b')!.y);
    expect(p.get('a')!.x).not.toBe(p.get('b')!.x);
    expect(p.get('add')!.y).toBeGreaterThan(p.get('a')!.y);
  });

  it('lays a chain out left to right when asked, and leaves room for a tall (error) card', async () => {
    const graph = getTemplate('cnn')!.graph;
    const right = await layoutGraph(graph, new Map(), 'right');
    for (const e of graph.edges) expect(right.get(e.target)!.x).toBeGreaterThan(right.get(e.source)!.x);
    const tall = graph.nodes[1].id;
    const down = await layoutGraph(graph, new Map([[tall, { width: 200, height: 260 }]]), 'down');
    const next = graph.edges.find((e) => e.source === tall)!.target;
    expect(down.get(next)!.y - down.get(tall)!.y).toBeGreaterThanOrEqual(260);
  });
});
