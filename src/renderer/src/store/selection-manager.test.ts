import { describe, expect, it } from 'vitest';
import type { ModelGraph } from '../../../shared/graph/model-graph';
import { SelectionManager } from './selection-manager';

const ids = (set: ReadonlySet<string>) => [...set].sort();

describe('SelectionManager', () => {
  it('replaces the selection, or adds to it when additive', () => {
    const selection = new SelectionManager();
    selection.select(['a', 'b'], { edges: ['e1'] });
    selection.select(['c']);
    expect([ids(selection.nodes), ids(selection.edges)]).toEqual([['c'], []]);
    selection.select(['a'], { additive: true, edges: ['e2'] });
    expect([ids(selection.nodes), ids(selection.edges)]).toEqual([['a', 'c'], ['e2']]);
    expect(selection.onlyNode).toBeNull();
    selection.select(['a']);
    expect(selection.onlyNode).toBe('a');
  });

  it('applies React Flow select/deselect changes for nodes and edges in one go', () => {
    const selection = new SelectionManager();
    selection.select(['a', 'b']);
    const before = selection.nodes;
    selection.apply([
      { id: 'a', selected: false, isEdge: false },
      { id: 'e1', selected: true, isEdge: true },
      { id: 'c', selected: true, isEdge: false },
    ]);
    expect([ids(selection.nodes), ids(selection.edges)]).toEqual([['b', 'c'], ['e1']]);
    // A new set, so a component holding the old one sees the change.
    expect(selection.nodes).not.toBe(before);
    expect(ids(before)).toEqual(['a', 'b']);
  });

  it('reports whether clearing changed anything', () => {
    const selection = new SelectionManager();
    expect(selection.clear()).toBe(false);
    selection.select([], { edges: ['e1'] });
    expect(selection.isEmpty).toBe(false);
    expect(selection.clear()).toBe(true);
    expect(selection.isEmpty).toBe(true);
  });

  it('keeps only what the graph still has', () => {
    const graph: ModelGraph = {
      version: 1,
      nodes: [{ id: 'a', kind: 'Input', config: {}, position: { x: 0, y: 0 } }],
      edges: [],
    };
    const selection = new SelectionManager();
    selection.select(['a', 'gone'], { edges: ['e-gone'] });
    selection.retainIn(graph);
    expect([ids(selection.nodes), ids(selection.edges)]).toEqual([['a'], []]);
  });
});
