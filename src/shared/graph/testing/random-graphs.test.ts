import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LAYER_KINDS } from '../model-graph';
import { zModelGraph } from '../model-graph';
import { analyzeGraph } from '../analyze-graph';
import { arbBrokenGraph, arbValidGraph } from './random-graphs';

describe('arbValidGraph', () => {
  const graphs = fc.sample(arbValidGraph(), { seed: 11, numRuns: 300 });

  it('covers every layer kind, merges with two inputs and Dense on images', () => {
    const kinds = new Set(graphs.flatMap((graph) => graph.nodes.map((node) => node.kind)));
    expect([...kinds].sort()).toEqual([...LAYER_KINDS].sort());
    const denseOnImage = graphs.some((graph) => {
      const analysis = analyzeGraph(graph);
      return graph.nodes.some((node) => node.kind === 'Dense' && (analysis.shapes[node.id]?.length ?? 0) > 1);
    });
    expect(denseOnImage).toBe(true);
    const axes = new Set(
      graphs.flatMap((graph) => graph.nodes.filter((n) => n.kind === 'Concatenate').map((n) => n.config.axis)),
    );
    expect(axes.size).toBeGreaterThan(2);
  });

  it('produces schema-valid graphs with small tensors', () => {
    for (const graph of graphs) {
      expect(zModelGraph.safeParse(graph).success).toBe(true);
      const analysis = analyzeGraph(graph);
      for (const shape of Object.values(analysis.shapes)) {
        expect(shape!.reduce((a, b) => a * b, 1)).toBeLessThanOrEqual(16 * 16 * 6 * 2);
      }
    }
  });

  it('is deterministic for a seed', () => {
    expect(fc.sample(arbValidGraph(), { seed: 3, numRuns: 5 })).toEqual(
      fc.sample(arbValidGraph(), { seed: 3, numRuns: 5 }),
    );
  });
});

describe('arbBrokenGraph', () => {
  it('mostly produces graphs with problems', () => {
    const broken = fc.sample(arbBrokenGraph(), { seed: 5, numRuns: 200 });
    const withProblems = broken.filter((graph) => analyzeGraph(graph as never).problems.length > 0);
    expect(withProblems.length).toBeGreaterThan(100);
  });
});
