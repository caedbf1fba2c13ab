import { describe, expect, it } from 'vitest';
import type { ModelGraph } from './model-graph';
import { getConnectedEdges, getIncomers, getOutgoers, neighbours, reachable, reaches } from './graph-traversal';

/** a → b → d, a → c → d, e alone; x → y → x is a cycle. */
const graph: ModelGraph = {
  version: 1,
  nodes: ['a', 'b', 'c', 'd', 'e', 'x', 'y'].map((id) => ({
    id,
    kind: 'Dense',
    config: {},
    position: { x: 0, y: 0 },
  })),
  edges: [
    ['a', 'b'],
    ['a', 'c'],
    ['b', 'd'],
    ['c', 'd'],
    ['x', 'y'],
    ['y', 'x'],
  ].map(([source, target]) => ({ id: `${source}${target}`, source, target })),
};
const ids = (nodes: { id: string }[]) => nodes.map((n) => n.id);

describe('graph traversal', () => {
  it('finds what feeds a node and what it feeds, in edge order', () => {
    expect(ids(getIncomers(graph, 'd'))).toEqual(['b', 'c']);
    expect(ids(getOutgoers(graph, 'a'))).toEqual(['b', 'c']);
    expect(getIncomers(graph, 'a')).toEqual([]);
    expect(ids(getConnectedEdges(graph, ['b', 'e']))).toEqual(['ab', 'bd']);
  });

  it('walks downstream and upstream, each node once, also around a cycle', () => {
    expect([...reachable(['a'], neighbours(graph.edges, 'downstream'))].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect([...reachable(['d'], neighbours(graph.edges, 'upstream'))].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect([...reachable(['x'], neighbours(graph.edges, 'downstream'))].sort()).toEqual(['x', 'y']);
    expect([...reachable(['b', 'c'], () => [])].sort()).toEqual(['b', 'c']);
  });

  it('tells whether a path leads from one node to another', () => {
    expect(reaches(graph, 'a', 'd')).toBe(true);
    expect(reaches(graph, 'd', 'a')).toBe(false);
    expect(reaches(graph, 'b', 'c')).toBe(false);
    expect(reaches(graph, 'y', 'y')).toBe(true);
    expect(reaches(graph, 'e', 'a')).toBe(false);
  });
});
