import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../shared/graph/analyze-graph';
import type { GraphNode, ModelGraph } from '../../shared/graph/model-graph';
import { buildModel } from './build-model';
import { layerNamesForGraph } from './layer-names';

tf.enableProdMode();

function node(id: string, kind: GraphNode['kind'], config: GraphNode['config'] = {}): GraphNode {
  return { id, kind, config, position: { x: 0, y: 0 } };
}

/** The course's layer kinds in one graph, with a branch merged by Add and one by Concatenate (ports reversed on purpose). */
const EVERY_KIND: ModelGraph = {
  version: 1,
  nodes: [
    node('in', 'Input', { shape: [8, 8, 1] }),
    node('noise', 'GaussianNoise', { stddev: 0.1 }),
    node('conv', 'Conv2D', { filters: 3, kernelSize: [3, 3], strides: [1, 1], padding: 'same', activation: 'relu' }),
    node('bn', 'BatchNorm', { momentum: 0.9, epsilon: 0.001 }),
    node('max', 'MaxPool2D', { poolSize: [2, 2], strides: null, padding: 'valid' }),
    node('avg', 'AvgPool2D', { poolSize: [2, 2], strides: [2, 2], padding: 'valid' }),
    node('add', 'Add'),
    node('flat', 'Flatten'),
    node('dense', 'Dense', { units: 12, activation: 'tanh' }),
    node('act', 'Activation', { activation: 'leakyRelu', alpha: 0.2 }),
    node('maxout', 'Maxout', { units: 6, pieces: 3 }),
    node('drop', 'Dropout', { rate: 0.3 }),
    node('reshape', 'Reshape', { targetShape: [3, 2] }),
    node('flat2', 'Flatten'),
    node('cat', 'Concatenate', { axis: -1 }),
    node('out', 'Dense', { units: 4, activation: 'linear' }),
    node('soft', 'Softmax'),
  ],
  edges: [
    ['in', 'noise'],
    ['noise', 'conv'],
    ['conv', 'bn'],
    ['bn', 'max'],
    ['bn', 'avg'],
    ['max', 'add', 0],
    ['avg', 'add', 1],
    ['add', 'flat'],
    ['flat', 'dense'],
    ['dense', 'act'],
    ['act', 'maxout'],
    ['maxout', 'drop'],
    ['drop', 'reshape'],
    ['reshape', 'flat2'],
    ['flat2', 'cat', 1],
    ['dense', 'cat', 0],
    ['cat', 'out'],
    ['out', 'soft'],
  ].map(([source, target, port], i) => ({
    id: `e${i}`,
    source: source as string,
    target: target as string,
    ...(port === undefined ? {} : { targetPort: port as number }),
  })),
  outputId: 'soft',
};

describe('buildModel', () => {
  it('builds a graph of the course kinds, with the shapes and parameter counts the analysis predicts', () => {
    const analysis = analyzeGraph(EVERY_KIND);
    expect(analysis.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const model = buildModel(EVERY_KIND, { seed: 7 });
    const names = layerNamesForGraph(EVERY_KIND);
    for (const n of EVERY_KIND.nodes) {
      const layer = model.getLayer(names.get(n.id)!);
      expect([n.id, (layer.outputShape as number[]).slice(1)]).toEqual([n.id, analysis.shapes[n.id]]);
    }
    expect(model.countParams()).toBe(analysis.totalParams);
    // Concatenate respects ports: dense (12) first, then the reshaped maxout (6).
    const cat = model.getLayer('cat');
    expect(cat.inboundNodes[0].inboundLayers.map((l) => l.name)).toEqual(['dense', 'flat2']);
    const y = model.predict(tf.ones([2, 8, 8, 1])) as tf.Tensor;
    expect(y.shape).toEqual([2, 4]);
    const sums = tf.sum(y, -1).dataSync();
    expect(sums[0]).toBeCloseTo(1, 5);
    model.dispose();
  });

  it('maps configs straight to tfjs (leakyRelu alpha, pool strides, dropout rate)', () => {
    const model = buildModel(EVERY_KIND, { seed: 1 });
    expect(model.getLayer('act').getClassName()).toBe('LeakyReLU');
    expect(model.getLayer('act').getConfig().alpha).toBe(0.2);
    expect(model.getLayer('drop').getConfig().rate).toBe(0.3);
    expect(model.getLayer('avg').getConfig().strides).toEqual([2, 2]);
    expect(model.getLayer('conv').getConfig().padding).toBe('same');
    model.dispose();
  });

  it('gives the same initial weights for the same seed and different ones for another seed', () => {
    const weights = (seed: number) => {
      const model = buildModel(EVERY_KIND, { seed });
      const values = model.getWeights().map((w) => Array.from(w.dataSync()));
      model.dispose();
      return values;
    };
    expect(weights(5)).toEqual(weights(5));
    expect(weights(5)).not.toEqual(weights(6));
  });

  it('concatenates along the axis the analysis says, negative axes too (tfjs runs any of them on the last axis)', () => {
    for (const axis of [-3, -2, -1, 1, 2, 3]) {
      const graph: ModelGraph = {
        version: 1,
        nodes: [node('in', 'Input', { shape: [2, 3, 1] }), node('a', 'Dropout'), node('cat', 'Concatenate', { axis })],
        edges: [
          { id: 'x', source: 'in', target: 'a' },
          { id: 'y', source: 'in', target: 'cat', targetPort: 0 },
          { id: 'z', source: 'a', target: 'cat', targetPort: 1 },
        ],
      };
      const expected = analyzeGraph(graph).shapes.cat;
      const model = buildModel(graph);
      const y = model.predict(tf.zeros([1, 2, 3, 1])) as tf.Tensor;
      expect([axis, y.shape.slice(1)]).toEqual([axis, expected]);
      model.dispose();
    }
  });

  it('names layers after labels or ids, sanitized and unique', () => {
    const graph: ModelGraph = {
      version: 1,
      nodes: [
        node('1 in', 'Input', { shape: [2] }),
        { ...node('d', 'Dense', { units: 2 }), label: 'My layer!' },
        { ...node('e', 'Dense', { units: 2 }), label: 'My layer!' },
      ],
      edges: [
        { id: 'a', source: '1 in', target: 'd' },
        { id: 'b', source: 'd', target: 'e' },
      ],
    };
    const names = layerNamesForGraph(graph);
    expect([...names.values()]).toEqual(['in', 'My_layer_', 'My_layer__2']);
    const model = buildModel(graph);
    expect(model.layers.map((l) => l.name)).toEqual(['in', 'My_layer_', 'My_layer__2']);
    model.dispose();
  });
});
