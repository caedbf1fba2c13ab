import { describe, expect, it } from 'vitest';
import { analyzeGraph } from './analyze-graph';
import {
  addEdge,
  addLayerAfter,
  applyFix,
  applyFixWithRoom,
  createNode,
  deleteElements,
  extractFragment,
  insertFragment,
  makeRoomForGrowth,
  pasteOffset,
  setFlowDirection,
  insertNodeAfter,
  lowestSink,
  moveNodes,
  removeNodes,
  sequentialIds,
  setNodeLabel,
} from './graph-edits';
import { chain, edge, graphOf, node } from './testing/fixtures';
import type { ModelGraph } from './model-graph';

const counter = () => {
  let n = 0;
  return (hint: string) => `${hint}#${++n}`;
};
const links = (graph: ModelGraph) =>
  graph.edges.map((e) => `${e.source}>${e.target}${e.targetPort === undefined ? '' : `:${e.targetPort}`}`);

describe('createNode', () => {
  it('fills the config with defaults', () => {
    expect(createNode('Dropout', { x: 3, y: 4 }, 'd')).toEqual({
      id: 'd',
      kind: 'Dropout',
      config: { rate: 0.5 },
      position: { x: 3, y: 4 },
    });
  });
});

describe('insertNodeAfter', () => {
  const base = graphOf(
    [
      { ...node('in', 'Input', { shape: [4] }), position: { x: 0, y: 0 } },
      { ...node('d', 'Dense'), position: { x: 0, y: 200 } },
    ],
    [edge('in', 'd')],
  );

  it('routes the outgoing edges through the new node, between the two', () => {
    const edited = insertNodeAfter(base, 'in', 'Dropout', counter());
    expect(links(edited)).toEqual(['Dropout#1>d', 'in>Dropout#1']);
    expect(edited.nodes[2]).toEqual({
      id: 'Dropout#1',
      kind: 'Dropout',
      config: { rate: 0.5 },
      position: { x: 0, y: 100 },
    });
    expect(analyzeGraph(edited).order).toEqual(['in', 'Dropout#1', 'd']);
    expect(base.edges).toHaveLength(1); // pure: the original is untouched
  });

  it('keeps merge ports on the rewired edges', () => {
    const graph = graphOf(
      [node('in', 'Input', { shape: [4] }), node('a', 'Dense'), node('sum', 'Add')],
      [edge('in', 'sum', 0), edge('in', 'a'), edge('a', 'sum', 1)],
    );
    expect(links(insertNodeAfter(graph, 'a', 'Activation', counter()))).toEqual([
      'in>sum:0',
      'in>a',
      'Activation#1>sum:1',
      'a>Activation#1',
    ]);
  });

  it('appends at the end and moves the chosen output along', () => {
    const edited = insertNodeAfter({ ...base, outputId: 'd' }, 'd', 'Softmax', counter());
    expect(links(edited)).toEqual(['in>d', 'd>Softmax#1']);
    expect(edited.outputId).toBe('Softmax#1');
    expect(edited.nodes[2].position).toEqual({ x: 0, y: 320 });
  });

  it('adds an unconnected node for null or for an Input', () => {
    expect(links(insertNodeAfter(base, null, 'Dense', counter()))).toEqual(['in>d']);
    expect(insertNodeAfter(base, null, 'Dense', counter()).nodes).toHaveLength(3);
    expect(links(insertNodeAfter(base, 'd', 'Input', counter()))).toEqual(['in>d']);
  });
});

describe('removeNodes', () => {
  it('bridges a single-in/single-out node', () => {
    const graph = chain(node('in', 'Input'), node('drop', 'Dropout'), node('out', 'Dense'));
    const edited = removeNodes(graph, ['drop']);
    expect(edited.nodes.map((n) => n.id)).toEqual(['in', 'out']);
    expect(links(edited)).toEqual(['in>out']);
  });

  it('bridges a whole removed chain and keeps the port', () => {
    const graph = graphOf(
      [node('in', 'Input'), node('a', 'Dense'), node('b', 'Dropout'), node('c', 'Activation'), node('sum', 'Add')],
      [edge('in', 'sum', 0), edge('in', 'a'), edge('a', 'b'), edge('b', 'c'), edge('c', 'sum', 1)],
    );
    expect(links(removeNodes(graph, ['b', 'c']))).toEqual(['in>sum:0', 'in>a', 'a>sum:1']);
  });

  it('does not bridge merges or branches, and clears a removed output', () => {
    const graph = graphOf(
      [node('in', 'Input'), node('a', 'Dense'), node('b', 'Dense'), node('sum', 'Add'), node('out', 'Dense')],
      [edge('in', 'a'), edge('in', 'b'), edge('a', 'sum', 0), edge('b', 'sum', 1), edge('sum', 'out')],
      'out',
    );
    expect(links(removeNodes(graph, ['sum']))).toEqual(['in>a', 'in>b']);
    expect(removeNodes(graph, ['out']).outputId).toBeUndefined();
    expect(removeNodes(graph, ['nothing'])).toBe(graph);
  });
});

describe('applyFix', () => {
  it('inserts the Flatten the analysis asks for, which makes the graph valid', () => {
    const graph = chain(
      node('in', 'Input', { shape: [36, 36, 1] }),
      node('conv', 'Conv2D'),
      node('pool', 'MaxPool2D'),
      node('hidden', 'Dense'),
      node('out', 'Dense', { units: 5 }),
    );
    const [problem] = analyzeGraph(graph, { numClasses: 5 }).problems;
    const fixed = applyFix(graph, problem.fix!);
    expect(fixed.nodes.at(-1)).toMatchObject({ id: 'flatten-1', kind: 'Flatten' });
    expect(links(fixed).sort()).toEqual(['conv>pool', 'flatten-1>hidden', 'hidden>out', 'in>conv', 'pool>flatten-1']);
    const after = analyzeGraph(fixed, { numClasses: 5 });
    expect(after.problems).toEqual([]);
    expect(after.totalParams).toBe(104 + 41504 + 165);
  });

  it('repairs every fixable problem of the fixture gallery', () => {
    const cases: { graph: ModelGraph; context?: object }[] = [
      {
        graph: chain(
          node('in', 'Input', { shape: [1296] }),
          node('conv', 'Conv2D'),
          node('f', 'Flatten'),
          node('o', 'Dense', { units: 5 }),
        ),
        context: { numClasses: 5 },
      },
      { graph: chain(node('in', 'Input', { shape: [4, 4, 1] }), node('m', 'Maxout')) },
      {
        graph: chain(node('in', 'Input', { shape: [2] }), node('o', 'Dense', { units: 3 }), node('s', 'Softmax')),
        context: { numClasses: 2 },
      },
      {
        graph: chain(node('in', 'Input', { shape: [2] }), node('o', 'Dense', { units: 2 })),
        context: { numClasses: 2, inputShape: [3] },
      },
      { graph: chain(node('in', 'Input', { shape: [2] }), node('o', 'Dense', { units: 0 })) },
      {
        graph: {
          ...chain(node('in', 'Input', { shape: [2] }), node('o', 'Dense')),
          edges: [edge('in', 'o'), { id: 'x', source: 'o', target: 'ghost' }],
        },
      },
      {
        graph: graphOf(
          [node('in', 'Input', { shape: [2] }), node('a', 'Dense'), node('b', 'Dense')],
          [edge('in', 'a'), edge('in', 'b')],
        ),
      },
    ];
    for (const { graph, context } of cases) {
      let current = graph;
      for (let round = 0; round < 3; round++) {
        const fixable = analyzeGraph(current, context).problems.find((problem) => problem.fix);
        if (!fixable) break;
        current = applyFix(current, fixable.fix!);
      }
      expect(analyzeGraph(current, context).problems.filter((p) => p.severity === 'error')).toEqual([]);
    }
  });
});

describe('sequentialIds', () => {
  it('skips ids in use and never repeats', () => {
    const ids = sequentialIds(chain(node('dense-1', 'Dense'), node('max-pool2d-1', 'MaxPool2D')));
    expect([ids('Dense'), ids('Dense'), ids('MaxPool2D'), ids('edge')]).toEqual([
      'dense-2',
      'dense-3',
      'max-pool2d-2',
      'edge-1',
    ]);
  });
});

/** `node` placed at (x, y). */
const at = (n: ReturnType<typeof node>, x: number, y: number) => ({ ...n, position: { x, y } });

describe('addLayerAfter', () => {
  it('wires the layer in on its own row and pushes everything below the anchor down a row', () => {
    const graph = graphOf(
      [
        at(node('in', 'Input', { shape: [4] }), 0, 0),
        at(node('d', 'Dense'), 0, 120),
        at(node('side', 'Dense'), 300, 0),
      ],
      [edge('in', 'd')],
    );
    const { graph: edited, nodeId } = addLayerAfter(graph, 'in', 'Dropout', counter());
    expect(links(edited)).toEqual(['Dropout#1>d', 'in>Dropout#1']);
    const y = (id: string) => edited.nodes.find((n) => n.id === id)!.position.y;
    expect([y(nodeId), y('d'), y('side')]).toEqual([120, 240, 0]);
  });

  it('leaves the others where they are when the new layer ends the chain', () => {
    const graph = chain(at(node('in', 'Input', { shape: [4] }), 0, 0), at(node('d', 'Dense'), 0, 120));
    const { graph: edited, nodeId } = addLayerAfter(graph, 'd', 'Softmax', counter());
    expect(edited.nodes.find((n) => n.id === nodeId)!.position).toEqual({ x: 0, y: 240 });
    expect(edited.nodes.slice(0, 2)).toEqual(graph.nodes);
  });
});

describe('lowestSink', () => {
  it('is the lowest node that feeds nothing, or null for an empty graph', () => {
    const graph = graphOf(
      [at(node('in', 'Input'), 0, 500), at(node('a', 'Dense'), 0, 100), at(node('b', 'Dense'), 0, 300)],
      [edge('in', 'a')],
    );
    expect(lowestSink(graph)?.id).toBe('b');
    expect(lowestSink(graphOf([], []))).toBeNull();
  });
});

describe('addEdge and deleteElements', () => {
  const merge = graphOf(
    [node('in', 'Input', { shape: [4] }), node('a', 'Dense'), node('b', 'Dense'), node('cat', 'Concatenate')],
    [edge('in', 'a'), edge('in', 'b')],
  );

  it('numbers a merge layer’s inputs in the order they are connected; single-input layers get no port', () => {
    const ids = counter();
    let graph = addEdge(merge, 'a', 'cat', ids);
    graph = addEdge(graph, 'b', 'cat', ids);
    expect(links(graph).slice(2)).toEqual(['a>cat:0', 'b>cat:1']);
    expect(links(addEdge(merge, 'a', 'b', ids)).at(-1)).toBe('a>b');
  });

  it('renumbers the remaining merge inputs 0..n-1 after deleting an edge or a node', () => {
    const ids = counter();
    const three = graphOf([...merge.nodes, node('c', 'Dense')], [...merge.edges, edge('in', 'c')]);
    let graph = addEdge(three, 'a', 'cat', ids);
    graph = addEdge(graph, 'b', 'cat', ids);
    graph = addEdge(graph, 'c', 'cat', ids);
    const first = graph.edges.find((e) => e.source === 'a' && e.target === 'cat')!;
    expect(links(deleteElements(graph, { edges: [first.id] })).filter((l) => l.includes('cat'))).toEqual([
      'b>cat:0',
      'c>cat:1',
    ]);
    // Removing a layer with one input and one output bridges it (in → cat takes b's slot); other slots close up.
    expect(links(deleteElements(graph, { nodes: ['b'] })).filter((l) => l.includes('cat'))).toEqual([
      'a>cat:0',
      'c>cat:2',
      'in>cat:1',
    ]);
    expect(links(deleteElements(graph, { nodes: ['in', 'a'] })).filter((l) => l.includes('cat'))).toEqual([
      'b>cat:0',
      'c>cat:1',
    ]);
    expect(deleteElements(graph, {})).toBe(graph);
  });
});

describe('setNodeLabel and moveNodes', () => {
  const graph = chain(node('in', 'Input'), node('d', 'Dense', {}, 'hidden'));

  it('sets or removes a label, returning the same graph when nothing changes', () => {
    expect(setNodeLabel(graph, 'd', 'hidden')).toBe(graph);
    expect(setNodeLabel(graph, 'missing', 'x')).toBe(graph);
    expect(setNodeLabel(graph, 'in', 'pixels').nodes[0].label).toBe('pixels');
    expect('label' in setNodeLabel(graph, 'd', '').nodes[1]).toBe(false);
  });

  it('moves only nodes whose position changes, returning the same graph when none does', () => {
    expect(moveNodes(graph, new Map([['in', { x: 0, y: 0 }]]))).toBe(graph);
    const moved = moveNodes(graph, new Map([['d', { x: 5, y: 6 }]]));
    expect(moved.nodes[1].position).toEqual({ x: 5, y: 6 });
    expect(moved.nodes[0]).toBe(graph.nodes[0]);
  });
});

describe('extractFragment and insertFragment', () => {
  it('copies nodes with the edges among them, and inserts the copy with fresh ids, shifted', () => {
    const graph = chain(node('in', 'Input'), node('f', 'Flatten'), node('d', 'Dense'));
    const fragment = extractFragment(graph, new Set(['f', 'd']));
    expect(fragment.nodes.map((n) => n.id)).toEqual(['f', 'd']);
    expect(links({ ...graph, edges: fragment.edges })).toEqual(['f>d']);
    const { graph: pasted, nodeIds } = insertFragment(graph, fragment, { x: 40, y: 10 }, counter());
    expect(nodeIds).toEqual(['Flatten#1', 'Dense#2']);
    expect(links(pasted).at(-1)).toBe('Flatten#1>Dense#2');
    expect(pasted.nodes.at(-1)!.position).toEqual({ x: 40, y: 10 });
  });
});

describe('pasteOffset', () => {
  const size = () => ({ width: 200, height: 90 });
  const overlaps = (a: { x: number; y: number }, b: { x: number; y: number }) =>
    Math.abs(a.x - b.x) < 200 && Math.abs(a.y - b.y) < 90;

  it('puts a copy beside its original, never on top of it', () => {
    const graph = chain(at(node('in', 'Input'), 0, 0), at(node('d', 'Dense'), 0, 120));
    const fragment = extractFragment(graph, new Set(['d']));
    const offset = pasteOffset(graph, fragment, size);
    expect(offset).toEqual({ x: 240, y: 0 });
    const pasted = insertFragment(graph, fragment, offset).graph;
    const copy = pasted.nodes.at(-1)!;
    for (const other of graph.nodes) expect(overlaps(copy.position, other.position)).toBe(false);
  });

  it('steps past earlier copies and other cards, so repeated pastes line up instead of stacking', () => {
    let graph = chain(at(node('in', 'Input'), 0, 0), at(node('d', 'Dense'), 0, 120));
    const fragment = extractFragment(graph, new Set(['in', 'd']));
    const xs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const offset = pasteOffset(graph, fragment, size);
      xs.push(offset.x);
      graph = insertFragment(graph, fragment, offset).graph;
    }
    expect(xs).toEqual([240, 480, 720]);
    const positions = graph.nodes.map((n) => n.position);
    for (const [i, a] of positions.entries())
      for (const b of positions.slice(i + 1)) expect(overlaps(a, b)).toBe(false);
  });
});

describe('applyFixWithRoom', () => {
  it('gives an inserted Flatten a row of its own between its neighbours', () => {
    const graph = chain(
      at(node('in', 'Input', { shape: [8, 8, 1] }), 0, 0),
      at(node('conv', 'Conv2D'), 0, 120),
      at(node('d', 'Dense'), 0, 240),
    );
    const fixed = applyFixWithRoom(graph, { type: 'insert-flatten', beforeNodeId: 'd', label: 'Insert Flatten' });
    const y = (id: string) => fixed.nodes.find((n) => n.id === id)!.position.y;
    const flatten = fixed.nodes.find((n) => n.kind === 'Flatten')!.id;
    expect([y('conv'), y(flatten), y('d')]).toEqual([120, 240, 360]);
  });
});

describe('makeRoomForGrowth', () => {
  const sizes = new Map<string, { width: number; height: number }>();
  const sizeOf = (n: { id: string }) => sizes.get(n.id) ?? { width: 200, height: 80 };

  it('pushes the cards an error card now covers, and everything below them, down', () => {
    const graph = chain(
      at(node('in', 'Input'), 0, 0),
      at(node('conv', 'Conv2D'), 0, 120),
      at(node('d', 'Dense'), 0, 240),
      at(node('side', 'Dense'), 400, 150),
    );
    sizes.set('conv', { width: 200, height: 170 });
    const pushed = makeRoomForGrowth(graph, 'conv', 80, sizeOf);
    const y = (id: string) => pushed.nodes.find((n) => n.id === id)!.position.y;
    expect(y('d')).toBe(120 + 170 + 24);
    expect(y('in')).toBe(0);
    // A card in another column is not covered; it is below the pushed card's old top only by chance.
    expect(y('side')).toBe(150);
    sizes.clear();
  });

  it('leaves the graph alone when the card shrank or covers nothing new', () => {
    const graph = chain(at(node('in', 'Input'), 0, 0), at(node('d', 'Dense'), 0, 400));
    sizes.set('in', { width: 200, height: 150 });
    expect(makeRoomForGrowth(graph, 'in', 80, sizeOf)).toBe(graph);
    expect(makeRoomForGrowth(graph, 'in', 200, sizeOf)).toBe(graph);
    sizes.clear();
  });
});

describe('addLayerAfter next to a tall card', () => {
  it('puts the new layer below the whole card, not a fixed row under its top', () => {
    const graph = chain(at(node('in', 'Input'), 0, 0), at(node('conv', 'Conv2D'), 0, 120));
    const sizeOf = (n: { id: string }) => (n.id === 'conv' ? { width: 200, height: 190 } : { width: 200, height: 80 });
    const { graph: next, nodeId } = addLayerAfter(graph, 'conv', 'Dense', sequentialIds(graph), sizeOf);
    expect(next.nodes.find((n) => n.id === nodeId)!.position).toEqual({ x: 0, y: 120 + 190 + 30 });
  });
});

describe('flow direction', () => {
  it('adds layers one column to the right when the graph runs left to right', () => {
    const down = chain(at(node('in', 'Input'), 0, 0));
    const right = setFlowDirection(down, 'right');
    expect(right.direction).toBe('right');
    expect(setFlowDirection(right, 'down')).not.toHaveProperty('direction');
    const { graph, nodeId } = addLayerAfter(right, 'in', 'Dense', sequentialIds(right));
    const added = graph.nodes.find((n) => n.id === nodeId)!;
    expect(added.position.y).toBe(0);
    expect(added.position.x).toBeGreaterThanOrEqual(200);
    const below = addLayerAfter(down, 'in', 'Dense', sequentialIds(down));
    expect(below.graph.nodes.find((n) => n.id === below.nodeId)!.position).toEqual({ x: 0, y: 120 });
  });
});
