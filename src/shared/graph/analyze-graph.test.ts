import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyzeGraph } from './analyze-graph';
import { applyFix } from './graph-edits';
import type { ModelGraph } from './model-graph';
import type { ProblemCode } from './problems';
import {
  COURSE_CNN,
  COURSE_FEED_FORWARD,
  COURSE_LOGISTIC_REGRESSION,
  chain,
  edge,
  graphOf,
  node,
} from './testing/fixtures';
import { arbAnyJson, arbBrokenGraph, arbValidGraph } from './testing/random-graphs';

const FONTS = { inputShape: [36, 36, 1], numClasses: 5 };

function codes(graph: ModelGraph, context = {}): ProblemCode[] {
  return analyzeGraph(graph, context).problems.map((problem) => problem.code);
}

function only(graph: ModelGraph, code: ProblemCode, context = {}) {
  const problems = analyzeGraph(graph, context).problems;
  expect(problems.map((problem) => problem.code)).toEqual([code]);
  return problems[0];
}

describe('the course models', () => {
  it('CNN: shapes and parameters as tfjs counts them', () => {
    const analysis = analyzeGraph(COURSE_CNN, FONTS);
    expect(analysis.problems).toEqual([]);
    expect(analysis.order).toEqual(['input', 'conv', 'pool', 'flatten', 'hidden', 'dropout', 'output']);
    expect(analysis.inputId).toBe('input');
    expect(analysis.outputId).toBe('output');
    expect(analysis.shapes).toEqual({
      input: [36, 36, 1],
      conv: [36, 36, 4],
      pool: [18, 18, 4],
      flatten: [1296],
      hidden: [32],
      dropout: [32],
      output: [5],
    });
    expect(analysis.params.conv).toEqual({ trainable: 104, nonTrainable: 0 });
    expect(analysis.params.hidden).toEqual({ trainable: 41504, nonTrainable: 0 });
    expect(analysis.params.output).toEqual({ trainable: 165, nonTrainable: 0 });
    expect(analysis.totalParams).toBe(104 + 41504 + 165);
    expect(analysis.trainableParams).toBe(41773);
  });

  it('feed-forward 1296→128→32→5: 166,016 + 4,128 + 165 parameters', () => {
    const analysis = analyzeGraph(COURSE_FEED_FORWARD, FONTS);
    expect(analysis.problems).toEqual([]);
    expect(analysis.shapes.h1).toEqual([128]);
    expect(analysis.totalParams).toBe(170309);
  });

  it('logistic regression: 1296*5 + 5 parameters', () => {
    const analysis = analyzeGraph(COURSE_LOGISTIC_REGRESSION, FONTS);
    expect(analysis.problems).toEqual([]);
    expect(analysis.totalParams).toBe(6485);
  });

  it('counts BatchNorm moving statistics as non-trainable', () => {
    const graph = chain(
      node('in', 'Input', { shape: [10] }),
      node('bn', 'BatchNorm'),
      node('d', 'Dense', { units: 2 }),
    );
    const analysis = analyzeGraph(graph);
    expect(analysis.totalParams).toBe(40 + 22);
    expect(analysis.trainableParams).toBe(20 + 22);
  });

  it('counts every weight of a frozen layer (trainable: false) as non-trainable', () => {
    const graph = chain(
      node('in', 'Input', { shape: [10] }),
      node('bn', 'BatchNorm', { trainable: false }),
      node('d', 'Dense', { units: 2, trainable: false }),
      node('out', 'Dense', { units: 3 }),
    );
    const analysis = analyzeGraph(graph);
    expect(analysis.problems).toEqual([]);
    expect(analysis.params.bn).toEqual({ trainable: 0, nonTrainable: 40 });
    expect(analysis.params.d).toEqual({ trainable: 0, nonTrainable: 22 });
    expect(analysis.totalParams).toBe(40 + 22 + 9);
    expect(analysis.trainableParams).toBe(9);
  });
});

describe('structural problems', () => {
  it('cycle: names the nodes on it, not those after it', () => {
    const graph = graphOf(
      [
        node('in', 'Input', { shape: [4] }),
        node('a', 'Dense'),
        node('b', 'Add'),
        node('c', 'Dense'),
        node('after', 'Dense'),
      ],
      [edge('in', 'b', 0), edge('b', 'a'), edge('a', 'b', 1), edge('a', 'after'), edge('in', 'c')],
      'after',
    );
    const analysis = analyzeGraph(graph);
    const cycle = analysis.problems.filter((problem) => problem.code === 'cycle');
    expect(cycle.map((problem) => problem.nodeId).sort()).toEqual(['a', 'b']);
    expect(cycle[0].message).toContain('Dense "a"');
    expect(cycle[0].message).toContain('Add "b"');
    expect(analysis.shapes.after).toBeNull();
    expect(analysis.order).not.toContain('a');
  });

  it('no input', () => {
    expect(codes(chain(node('a', 'Dense'), node('b', 'Dense')))).toContain('no-input');
    expect(only(graphOf([], []), 'no-input').message).toContain('no Input');
  });

  it('more than one input', () => {
    const graph = graphOf(
      [node('in1', 'Input', { shape: [4] }), node('in2', 'Input', { shape: [4] }), node('add', 'Add')],
      [edge('in1', 'add', 0), edge('in2', 'add', 1)],
    );
    const problem = only(graph, 'multiple-inputs');
    expect(problem.nodeId).toBe('in2');
    expect(problem.message).toContain('exactly one');
  });

  it('several outputs, each offered as the output', () => {
    const graph = graphOf(
      [node('in', 'Input', { shape: [4] }), node('a', 'Dense'), node('b', 'Dense')],
      [edge('in', 'a'), edge('in', 'b')],
    );
    const analysis = analyzeGraph(graph);
    expect(analysis.outputId).toBeNull();
    expect(analysis.problems.map((p) => [p.code, p.nodeId])).toEqual([
      ['multiple-outputs', 'a'],
      ['multiple-outputs', 'b'],
    ]);
    expect(analysis.problems[0].fix).toEqual({ type: 'set-output', nodeId: 'a', label: 'Use Dense "a" as the output' });
    // With the output chosen, the other branch is left out of the model.
    const chosen = analyzeGraph({ ...graph, outputId: 'b' });
    expect(chosen.problems.map((p) => [p.code, p.nodeId, p.severity])).toEqual([['dangling-node', 'a', 'warning']]);
    expect(chosen.totalParams).toBe(4 * 32 + 32);
  });

  it('no output: an Input with nothing after it', () => {
    const graph = graphOf([node('in', 'Input', { shape: [4] }), node('d', 'Dense')], []);
    const analysis = analyzeGraph(graph);
    expect(analysis.problems.map((p) => p.code)).toEqual(['no-output', 'dangling-node']);
    expect(analysis.problems[0].nodeId).toBe('in');
  });

  it('unknown output id', () => {
    expect(only({ ...COURSE_CNN, outputId: 'nope' }, 'unknown-output').message).toContain('"nope"');
  });

  it('dangling node: a fresh node from the palette is a warning, not an error', () => {
    const graph = { ...COURSE_CNN, nodes: [...COURSE_CNN.nodes, node('lonely', 'Dense')] };
    const problem = only(graph, 'dangling-node', FONTS);
    expect(problem).toMatchObject({ nodeId: 'lonely', severity: 'warning' });
    expect(analyzeGraph(graph, FONTS).totalParams).toBe(41773);
  });

  it('edges to or from missing nodes', () => {
    const graph = { ...COURSE_CNN, edges: [...COURSE_CNN.edges, { id: 'ghost', source: 'output', target: 'nowhere' }] };
    const problem = only(graph, 'missing-endpoint', FONTS);
    expect(problem.edgeId).toBe('ghost');
    expect(problem.message).toContain('"nowhere"');
    expect(problem.fix).toEqual({ type: 'remove-edge', edgeId: 'ghost', label: 'Remove this connection' });
  });

  it('duplicate node and edge ids', () => {
    const graph = {
      ...COURSE_CNN,
      nodes: [...COURSE_CNN.nodes, node('conv', 'Dense')],
      edges: [...COURSE_CNN.edges, { ...COURSE_CNN.edges[0] }],
    };
    expect(codes(graph, FONTS)).toEqual(['duplicate-node-id', 'duplicate-edge-id']);
  });

  it('wrong number of inputs for a layer', () => {
    const merge = chain(node('in', 'Input', { shape: [4] }), node('add', 'Add'));
    expect(only(merge, 'wrong-input-count').message).toBe('Add "add" needs at least 2 inputs but has 1.');
    const twoIntoDense = graphOf(
      [node('in', 'Input', { shape: [4] }), node('a', 'Dense'), node('b', 'Dense'), node('c', 'Dense')],
      [edge('in', 'a'), edge('in', 'b'), edge('a', 'c'), edge('b', 'c')],
    );
    expect(only(twoIntoDense, 'wrong-input-count').message).toContain('takes exactly one');
    const intoInput = graphOf(
      [node('in', 'Input', { shape: [4] }), node('d', 'Dense'), node('in2', 'Input')],
      [edge('in', 'd'), edge('d', 'in2')],
    );
    expect(codes(intoInput)).toEqual(['multiple-inputs', 'wrong-input-count']);
  });

  it('survives a graph that is not a graph', () => {
    for (const junk of [null, 42, 'graph', [], { nodes: 'x' }, { nodes: [null, { id: 3 }], edges: [1] }]) {
      const analysis = analyzeGraph(junk as unknown as ModelGraph);
      expect(analysis.problems.length).toBeGreaterThan(0);
      expect(analysis.problems.every((problem) => problem.message.length > 0)).toBe(true);
    }
    const proto = analyzeGraph(graphOf([node('__proto__', 'Input', { shape: [2] })], []));
    expect(proto.problems[0]).toMatchObject({ code: 'invalid-graph' });
    expect(Object.getPrototypeOf(proto.shapes)).toBe(Object.prototype);
    const unknownKind = {
      version: 1,
      nodes: [{ id: 'x', kind: 'Dens', config: {}, position: { x: 0, y: 0 } }],
      edges: [],
    };
    expect(analyzeGraph(unknownKind as unknown as ModelGraph).problems[0]).toMatchObject({
      code: 'invalid-graph',
      nodeId: 'x',
      message: 'Node "x" has kind "Dens", which is not a layer kind.',
    });
  });
});

describe('shape problems', () => {
  it('Add of [32] and [64]', () => {
    const graph = graphOf(
      [
        node('in', 'Input', { shape: [8] }),
        node('a', 'Dense', { units: 32 }),
        node('b', 'Dense', { units: 64 }),
        node('sum', 'Add'),
        node('out', 'Dense'),
      ],
      [edge('in', 'a'), edge('in', 'b'), edge('a', 'sum', 0), edge('b', 'sum', 1), edge('sum', 'out')],
    );
    const analysis = analyzeGraph(graph);
    expect(analysis.problems).toHaveLength(1);
    expect(analysis.problems[0]).toMatchObject({ code: 'merge-shape-mismatch', nodeId: 'sum' });
    expect(analysis.problems[0].message).toBe('Add "sum": Add needs inputs of the same shape but gets [32] and [64].');
    // Downstream of the problem: no shape, no further message.
    expect(analysis.shapes.out).toBeNull();
  });

  it('Concatenate in port order, and its mismatches', () => {
    const graph = graphOf(
      [
        node('in', 'Input', { shape: [6, 6, 1] }),
        node('a', 'Conv2D', { filters: 2 }),
        node('b', 'Conv2D', { filters: 3, padding: 'valid', kernelSize: [3, 3] }),
        node('cat', 'Concatenate'),
      ],
      [edge('in', 'a'), edge('in', 'b'), edge('b', 'cat', 1), edge('a', 'cat', 0)],
    );
    const problem = only(graph, 'merge-shape-mismatch');
    expect(problem.message).toContain('[6, 6, 2] and [4, 4, 3]');
    const badAxis = {
      ...graph,
      nodes: graph.nodes.map((n) => (n.id === 'cat' ? node('cat', 'Concatenate', { axis: 5 }) : n)),
    };
    expect(codes(badAxis)).toEqual(['bad-axis']);
  });

  it('pool larger than its input', () => {
    const graph = chain(node('in', 'Input', { shape: [3, 3, 1] }), node('pool', 'MaxPool2D', { poolSize: [4, 4] }));
    expect(only(graph, 'window-too-large').message).toContain('pool 4×4 is larger than its 3×3 input');
  });

  it('Conv2D on a flat input suggests a Reshape', () => {
    const graph = chain(node('in', 'Input', { shape: [1296] }), node('conv', 'Conv2D'));
    const problem = only(graph, 'needs-image');
    expect(problem.fix).toEqual({
      type: 'insert-reshape',
      beforeNodeId: 'conv',
      targetShape: [36, 36, 1],
      label: 'Insert a Reshape to [36, 36, 1] before Conv2D "conv"',
    });
  });

  it('Maxout on an image suggests a Flatten', () => {
    const graph = chain(node('in', 'Input', { shape: [4, 4, 1] }), node('m', 'Maxout'));
    expect(only(graph, 'needs-flat').fix).toMatchObject({ type: 'insert-flatten', beforeNodeId: 'm' });
  });

  it('Flatten of a flat input', () => {
    expect(only(chain(node('in', 'Input', { shape: [4] }), node('f', 'Flatten')), 'already-flat').nodeId).toBe('f');
  });

  it('Reshape with another element count', () => {
    const graph = chain(node('in', 'Input', { shape: [36, 36, 1] }), node('r', 'Reshape', { targetShape: [1000] }));
    expect(only(graph, 'reshape-size-mismatch').message).toContain('1296 values');
  });

  it('invalid config values name node, field and range, and stop shape inference there', () => {
    const graph = chain(
      node('in', 'Input', { shape: [4] }),
      node('d', 'Dense', { units: -3 }, 'hidden'),
      node('out', 'Dense'),
    );
    const analysis = analyzeGraph(graph);
    expect(analysis.problems).toHaveLength(1);
    expect(analysis.problems[0]).toMatchObject({ code: 'invalid-config', nodeId: 'd' });
    expect(analysis.problems[0].message).toBe('Dense "hidden": units must be an integer ≥ 1 (got -3).');
    expect(analysis.shapes.d).toBeNull();
    expect(analysis.shapes.out).toBeNull();
  });
});

describe('problems with the task', () => {
  it('Dense on a Conv2D output without Flatten: the classifier output is not flat', () => {
    const graph = chain(
      node('in', 'Input', { shape: [36, 36, 1] }),
      node('conv', 'Conv2D'),
      node('pool', 'MaxPool2D'),
      node('hidden', 'Dense', { units: 32 }),
      node('out', 'Dense', { units: 5, activation: 'softmax' }),
    );
    const analysis = analyzeGraph(graph, FONTS);
    expect(analysis.shapes.hidden).toEqual([18, 18, 32]);
    expect(analysis.params.hidden.trainable).toBe(4 * 32 + 32);
    expect(analysis.problems).toHaveLength(1);
    const [problem] = analysis.problems;
    expect(problem).toMatchObject({ code: 'output-not-flat', nodeId: 'out' });
    expect(problem.message).toContain('Dense "out" gives shape [18, 18, 5]');
    expect(problem.message).toContain('Flatten');
    expect(problem.fix).toEqual({
      type: 'insert-flatten',
      beforeNodeId: 'hidden',
      label: 'Insert a Flatten before Dense "hidden"',
    });
  });

  it('output units differ from the classes, looking through Softmax/Dropout', () => {
    const graph = chain(
      node('in', 'Input', { shape: [2] }),
      node('logits', 'Dense', { units: 4 }),
      node('sm', 'Softmax'),
    );
    const problem = only(graph, 'class-count-mismatch', { numClasses: 5 });
    expect(problem.message).toBe('Dense "logits" has 4 units but the dataset has 5 classes.');
    expect(problem.fix).toEqual({
      type: 'set-config',
      nodeId: 'logits',
      key: 'units',
      value: 5,
      label: 'Set units to 5',
    });
  });

  it('says "1 unit" and points at the output itself when no Dense sets the size', () => {
    const one = chain(node('in', 'Input', { shape: [2] }), node('o', 'Dense', { units: 1, activation: 'sigmoid' }));
    expect(only(one, 'class-count-mismatch', { numClasses: 2 }).message).toBe(
      'Dense "o" has 1 unit but the dataset has 2 classes.',
    );
    const flat = chain(node('in', 'Input', { shape: [3] }), node('n', 'GaussianNoise'));
    expect(only(flat, 'class-count-mismatch', { numClasses: 2 })).toMatchObject({
      nodeId: 'n',
      message: 'Output GaussianNoise "n" gives 3 values but the dataset has 2 classes.',
      fix: undefined,
    });
  });

  it('autoencoder output must have the input shape', () => {
    const graph = chain(
      node('in', 'Input', { shape: [36, 36, 1] }),
      node('f', 'Flatten'),
      node('code', 'Dense', { units: 32 }),
      node('dec', 'Dense', { units: 1296 }),
    );
    const problem = only(graph, 'autoencoder-shape-mismatch', { task: 'autoencoder' });
    expect(problem.message).toContain('[1296]');
    expect(problem.message).toContain('[36, 36, 1]');
    const fixed = chain(...graph.nodes, node('back', 'Reshape', { targetShape: [36, 36, 1] }));
    expect(codes(fixed, { task: 'autoencoder', inputShape: [36, 36, 1] })).toEqual([]);
  });

  it('says which task it checked the output against', () => {
    const decoder = chain(
      node('in', 'Input', { shape: [4] }),
      node('code', 'Dense', { units: 2 }),
      node('out', 'Dense', { units: 4 }),
    );
    const autoencoder = analyzeGraph(decoder, { inputShape: [4], numClasses: 3, task: 'autoencoder' });
    expect(autoencoder.task).toBe('autoencoder');
    expect(autoencoder.problems).toEqual([]);
    // The same graph checked as a classifier of 3 classes has one problem, and says which task it checked.
    const classifier = analyzeGraph(decoder, { inputShape: [4], numClasses: 3 });
    expect(classifier.task).toBe('classification');
    expect(classifier.problems.map((p) => p.code)).toEqual(['class-count-mismatch']);
    expect(analyzeGraph(decoder).task).toBeNull();
  });

  it('Input shape differs from the dataset', () => {
    const problem = only(COURSE_FEED_FORWARD, 'input-shape-mismatch', { inputShape: [28, 28, 1] });
    expect(problem.message).toBe(
      'Input "input" has shape [36, 36, 1] but the dataset\'s samples have shape [28, 28, 1].',
    );
    expect(problem.fix).toEqual({
      type: 'set-input-shape',
      nodeId: 'input',
      shape: [28, 28, 1],
      label: 'Set the Input shape to [28, 28, 1]',
    });
  });
});

describe('properties', () => {
  it('never throws, on arbitrary JSON or on damaged graphs, and every problem has a message', () => {
    fc.assert(
      fc.property(fc.oneof(arbAnyJson(), arbBrokenGraph()), fc.option(arbAnyJson()), (graph, context) => {
        const analysis = analyzeGraph(graph as ModelGraph, (context ?? undefined) as never);
        for (const problem of analysis.problems) {
          expect(problem.message.length).toBeGreaterThan(0);
          expect(problem.message).not.toContain('could not be analysed');
        }
      }),
      { seed: 42, numRuns: 400 },
    );
  });

  it('random valid graphs have no problems and a shape for every node', () => {
    fc.assert(
      fc.property(arbValidGraph(), (graph) => {
        const analysis = analyzeGraph(graph);
        expect(analysis.problems).toEqual([]);
        expect(analysis.order).toHaveLength(graph.nodes.length);
        for (const n of graph.nodes) expect(analysis.shapes[n.id]).not.toBeNull();
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});

describe('a layer that needs an image after Flatten', () => {
  const convAfterFlatten = chain(
    node('input', 'Input', { shape: [36, 36, 1] }),
    node('flatten', 'Flatten'),
    node('conv', 'Conv2D', { filters: 4, kernelSize: [3, 3] }),
    node('pool', 'MaxPool2D', { poolSize: [2, 2] }),
    node('output', 'Dense', { units: 5, activation: 'softmax' }),
  );

  it('says the order is wrong and offers to move it above the Flatten, not to reshape the list into an image', () => {
    const problem = only(convAfterFlatten, 'needs-image', FONTS);
    expect(problem.nodeId).toBe('conv');
    expect(problem.message).toMatch(/comes after Flatten "flatten".*before Flatten/);
    expect(problem.fix).toMatchObject({ type: 'move-before', nodeId: 'conv', beforeNodeId: 'flatten' });
    const fixed = applyFix(convAfterFlatten, problem.fix!);
    expect(fixed.edges.map((e) => `${e.source}>${e.target}`).sort()).toEqual(
      ['input>conv', 'conv>flatten', 'flatten>pool', 'pool>output'].sort(),
    );
    // MaxPool2D is next in line, with the same slip and the same fix; then the model is whole.
    const next = only(fixed, 'needs-image', FONTS);
    expect(next.fix).toMatchObject({ type: 'move-before', nodeId: 'pool', beforeNodeId: 'flatten' });
    expect(analyzeGraph(applyFix(fixed, next.fix!), FONTS).problems).toEqual([]);
  });

  it('gives a Conv2D dangling off a Flatten its real problem (as a warning) with a fix, not only "not on the path"', () => {
    const graph = graphOf(
      [...COURSE_CNN.nodes, node('stray', 'Conv2D', { filters: 2, kernelSize: [3, 3] })],
      [...COURSE_CNN.edges, edge('flatten', 'stray')],
      'output',
    );
    const problems = analyzeGraph(graph, FONTS).problems.filter((p) => p.nodeId === 'stray');
    expect(problems.map((p) => [p.code, p.severity])).toEqual([
      ['dangling-node', 'warning'],
      ['needs-image', 'warning'],
    ]);
    const fix = problems[1].fix!;
    expect(fix).toMatchObject({ type: 'set-edge-source', sourceId: 'pool' });
    const fixed = applyFix(graph, fix);
    expect(analyzeGraph(fixed, FONTS).problems.filter((p) => p.code === 'needs-image')).toEqual([]);
  });
});
