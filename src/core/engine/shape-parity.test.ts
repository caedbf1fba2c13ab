import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../shared/graph/analyze-graph';
import { LAYER_KINDS } from '../../shared/graph/model-graph';
import { arbValidGraph } from '../../shared/graph/testing/random-graphs';
import { buildModel } from './build-model';
import { layerNamesForGraph } from './layer-names';

tf.enableProdMode();

/**
 * The shared analysis (what the editor shows on every keystroke) must agree with what tfjs really builds:
 * every node's output shape, and the total parameter count, for random graphs over every kind of the catalogue.
 */
describe('shape parity between analyzeGraph and tfjs', () => {
  it('agrees on every node shape and on countParams() for 200+ random valid graphs of every kind', () => {
    let checked = 0;
    const kinds = new Set<string>();
    fc.assert(
      fc.property(arbValidGraph(), (graph) => {
        for (const node of graph.nodes) kinds.add(node.kind);
        const analysis = analyzeGraph(graph);
        expect(analysis.problems.filter((p) => p.severity === 'error')).toEqual([]);
        const model = buildModel(graph, { seed: 1 });
        try {
          const names = layerNamesForGraph(graph);
          for (const id of analysis.order) {
            const layer = model.getLayer(names.get(id)!);
            const shape = (layer.outputShape as (number | null)[]).slice(1);
            expect({ id, shape }).toEqual({ id, shape: analysis.shapes[id] });
          }
          expect(model.countParams()).toBe(analysis.totalParams);
          // Symbolic shapes are not enough: run one sample through to catch layers whose call() disagrees.
          const inputShape = model.inputs[0].shape.slice(1) as number[];
          const output = tf.tidy(() => (model.predict(tf.zeros([1, ...inputShape])) as tf.Tensor).shape.slice(1));
          expect(output).toEqual(analysis.shapes[analysis.outputId!]);
          checked++;
        } finally {
          model.dispose();
        }
      }),
      { numRuns: 220, seed: 20261127 },
    );
    expect(checked).toBeGreaterThanOrEqual(200);
    // The generator draws its kinds from the catalogue, so a new kind is checked against tfjs here by itself.
    expect([...kinds].sort()).toEqual([...LAYER_KINDS].sort());
  });
});
