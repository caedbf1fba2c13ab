import { describe, expect, it } from 'vitest';
import { analyzeGraph, type AnalysisContext } from './analyze-graph';
import { MAX_GRAPH_NODES } from './graph-limits';
import type { GraphNode } from './model-graph';
import { chain, edge, graphOf, node } from './testing/fixtures';

const CONTEXT: AnalysisContext = { inputShape: [4], numClasses: 2, task: 'classification' };

/** Input → `count` Dense layers → a 2-unit output, optionally with an edge from the last hidden layer back to the first. */
function denseChain(count: number, cycle = false) {
  const hidden: GraphNode[] = Array.from({ length: count }, (_, i) => node(`d${i}`, 'Dense', { units: 4 }));
  const graph = chain(node('in', 'Input', { shape: [4] }), ...hidden, node('out', 'Dense', { units: 2 }));
  if (cycle) graph.edges.push({ ...edge(`d${count - 1}`, 'd0'), id: 'back' });
  return graph;
}

function timed<T>(run: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = run();
  return { value, ms: performance.now() - started };
}

describe('analysis limits', () => {
  it('reports a cycle with one short message on each of its nodes, however long it is', () => {
    // Before: every node's problem named every node of the cycle (10,000 × 10,000 names: 1.5 GB of text).
    const { problems } = analyzeGraph(denseChain(900, true), CONTEXT);
    const cycle = problems.filter((p) => p.code === 'cycle');
    expect(cycle).toHaveLength(900);
    expect(new Set(cycle.map((p) => p.message)).size).toBe(1);
    expect(cycle[0].message).toBe(
      'A cycle runs through Dense "d0", Dense "d1", Dense "d2", Dense "d3", Dense "d4", Dense "d5", Dense "d6", ' +
        'Dense "d7" and 892 more: data must flow one way, from the Input to the output. Remove one of these connections.',
    );
  });

  it('refuses a graph of 10,000 layers at once, with one problem', () => {
    // Before: a 10,000-layer chain was analysed (seconds) and then failed inside tfjs with an internal error.
    for (const graph of [denseChain(10_000), denseChain(10_000, true)]) {
      const { value, ms } = timed(() => analyzeGraph(graph, CONTEXT));
      expect(value.problems).toEqual([
        {
          code: 'graph-too-large',
          severity: 'error',
          message: `The graph has ${(10_002).toLocaleString('en-US')} layers and ${graph.edges.length.toLocaleString('en-US')} connections; LayerLab builds at most 1,000 layers and 4,000 connections.`,
        },
      ]);
      expect(ms).toBeLessThan(2000);
    }
    expect(analyzeGraph(denseChain(MAX_GRAPH_NODES - 2), CONTEXT).problems).toEqual([]);
  });

  it('refuses layers and models with more parameters than can be built, before anything is allocated', () => {
    // Before: units 1e9 allocated over 6 GB in tfjs; 1e300 ended in an internal error.
    const huge = (units: number) =>
      chain(node('in', 'Input', { shape: [4] }), node('big', 'Dense', { units }), node('out', 'Dense', { units: 2 }));
    const billion = analyzeGraph(huge(1e9), CONTEXT).problems;
    expect(billion.map((p) => [p.code, p.nodeId])).toEqual([
      ['too-many-params', 'big'],
      ['output-too-large', 'big'],
      ['too-many-params', 'out'],
      ['too-many-params', undefined],
    ]);
    expect(billion[0].message).toBe(
      'Dense "big" would have 5,000,000,000 parameters; a layer may have at most 100,000,000. Use fewer units or filters, or a smaller input.',
    );
    expect(billion[3].message).toBe(
      'The model would have 7,000,000,002 parameters; LayerLab builds at most 200,000,000.',
    );
    const astronomic = analyzeGraph(huge(1e300), CONTEXT).problems;
    expect(astronomic[0].message).toMatch(/^Dense "big" would have about 10\^300 parameters/);
  });

  it('refuses a layer whose output per sample is too big to train, with few parameters', () => {
    const wide = graphOf(
      [node('in', 'Input', { shape: [1] }), node('wide', 'Dense', { units: 20_000_000, useBias: false })],
      [edge('in', 'wide')],
    );
    const { problems } = analyzeGraph(wide, {});
    expect(problems.map((p) => p.code)).toEqual(['output-too-large']);
    expect(problems[0].message).toBe(
      'Dense "wide" would output 20,000,000 values per sample; at most 16,000,000 can be trained. Use fewer units or filters, or pool first.',
    );
  });
});
