import { describe, expect, it } from 'vitest';
import type { ModelGraph } from '../graph/model-graph';
import { getCourseExercise } from './course';
import { lockedNodeChanges } from './locked-nodes';

const AUTOENCODER = getCourseExercise('autoencoder')!; // locks input, decoder and image (decoder → image drawn)
const START = AUTOENCODER.start.graph;

function edit(change: (graph: ModelGraph) => void): ModelGraph {
  const graph = structuredClone(START);
  change(graph);
  return graph;
}

const changesOf = (graph: ModelGraph) =>
  lockedNodeChanges(AUTOENCODER, graph).map(({ nodeId, change }) => [nodeId, change]);

describe('lockedNodeChanges', () => {
  it('allows changes to unlocked nodes, moves, labels, and settings spelled out at their defaults', () => {
    const graph = edit((g) => {
      g.nodes.find((n) => n.id === 'code')!.config = { units: 32, activation: 'tanh' };
      for (const n of g.nodes) n.position = { x: 50, y: n.position.y * 2 };
      g.nodes.find((n) => n.id === 'decoder')!.label = 'decoder';
      g.nodes.find((n) => n.id === 'decoder')!.config.useBias = true; // Dense's default
    });
    expect(changesOf(graph)).toEqual([]);
  });

  it('reports a removed, retyped or edited locked node', () => {
    expect(changesOf(edit((g) => (g.nodes = g.nodes.filter((n) => n.id !== 'image'))))).toEqual([['image', 'removed']]);
    expect(changesOf(edit((g) => (g.nodes.find((n) => n.id === 'input')!.kind = 'Dense')))).toEqual([
      ['input', 'kind'],
    ]);
    expect(changesOf(edit((g) => (g.nodes.find((n) => n.id === 'decoder')!.config.units = 1000)))).toEqual([
      ['decoder', 'settings'],
    ]);
  });

  it('reports rewiring between locked nodes and a locked output that is no longer the output', () => {
    const extra = edit((g) => {
      g.nodes.push({ id: 'noise', kind: 'GaussianNoise', config: {}, position: { x: 0, y: 0 } });
      g.edges = g.edges.filter((e) => e.target !== 'image');
      g.edges.push({ id: 'a', source: 'decoder', target: 'noise' }, { id: 'b', source: 'noise', target: 'image' });
    });
    expect(changesOf(extra)).toEqual([['image', 'connections']]);
    expect(lockedNodeChanges(AUTOENCODER, START, 'decoder').map((c) => c.message)).toEqual([
      'Reshape "image" is no longer the model\'s output',
    ]);
  });
});
