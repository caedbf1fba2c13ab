import { describe, expect, it } from 'vitest';
import type { ModelGraph } from '../graph/model-graph';
import { getCourseExercise } from './course';
import { exerciseConstraints } from './edit-guard';

const AUTOENCODER = getCourseExercise('autoencoder')!; // locks input, decoder and image; decoder → image drawn
const START = AUTOENCODER.start.graph;
const constraints = exerciseConstraints(AUTOENCODER);

function edit(change: (graph: ModelGraph) => void, from: ModelGraph = START): ModelGraph {
  const graph = structuredClone(from);
  change(graph);
  return graph;
}

describe('exerciseConstraints', () => {
  it('names the locked cards and offers only the allowed kinds in the palette', () => {
    expect([...constraints.lockedNodeIds]).toEqual(['input', 'decoder', 'image']);
    expect([...constraints.paletteKinds]).toEqual(AUTOENCODER.allowedKinds);
    const open = exerciseConstraints({ ...AUTOENCODER, lockedNodeIds: undefined, allowedKinds: undefined });
    expect(open.lockedNodeIds.size).toBe(0);
    expect(open.paletteKinds.has('Conv2D')).toBe(true);
  });

  it('allows edits to unlocked cards, moves and new layers of allowed kinds', () => {
    const after = edit((g) => {
      g.nodes.find((n) => n.id === 'code')!.config = { units: 32, activation: 'tanh' };
      g.nodes.find((n) => n.id === 'decoder')!.position = { x: 300, y: 10 };
      g.nodes.push({ id: 'noise', kind: 'GaussianNoise', config: {}, position: { x: 0, y: 0 } });
    });
    expect(constraints.refuse(START, after)).toBeNull();
  });

  it('refuses deleting, editing or rewiring a locked card, with a sentence naming it', () => {
    expect(
      constraints.refuse(
        START,
        edit((g) => (g.nodes = g.nodes.filter((n) => n.id !== 'input'))),
      ),
    ).toBe('Input "input" is locked in this exercise: it can\'t be deleted.');
    expect(
      constraints.refuse(
        START,
        edit((g) => (g.nodes.find((n) => n.id === 'decoder')!.config.units = 10)),
      ),
    ).toBe('Dense "decoder" is locked in this exercise: its settings can\'t be changed.');
    expect(
      constraints.refuse(
        START,
        edit((g) => (g.edges = g.edges.filter((e) => e.target !== 'image'))),
      ),
    ).toMatch(/Reshape "image" is locked .*connections/);
  });

  it('refuses a layer of a kind the exercise does not use, even pasted', () => {
    const after = edit((g) => g.nodes.push({ id: 'c', kind: 'Conv2D', config: {}, position: { x: 0, y: 0 } }));
    expect(constraints.refuse(START, after)).toBe(
      'Conv2D is not part of this exercise (it uses Dense, Activation, Flatten, GaussianNoise, Input, Reshape).',
    );
  });

  it('judges only what the edit breaks: a graph already off the start stays editable elsewhere', () => {
    const broken = edit((g) => (g.nodes.find((n) => n.id === 'decoder')!.config.units = 10));
    const next = edit((g) => (g.nodes.find((n) => n.id === 'code')!.config.units = 8), broken);
    expect(constraints.refuse(broken, next)).toBeNull();
  });
});
