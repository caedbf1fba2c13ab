import { describe, expect, it } from 'vitest';
import { chainGraph } from '../templates/template';
import { getTemplate, TEMPLATES } from '../templates';
import { resolveTask, TASKS } from './task';
import { LOSSES } from './losses';

const XOR = getTemplate('xor-mlp')!;
const AUTOENCODER = getTemplate('autoencoder')!;

describe('resolveTask', () => {
  it('returns an explicit task whatever the graph and the loss say', () => {
    for (const template of TEMPLATES) {
      for (const loss of LOSSES) {
        for (const task of TASKS) expect(resolveTask({ task, graph: template.graph, loss })).toBe(task);
      }
    }
  });

  it('agrees with every template’s own task under the template’s loss', () => {
    for (const template of TEMPLATES) {
      expect(resolveTask({ graph: template.graph, loss: template.training.loss }), template.id).toBe(template.task);
    }
  });

  it('reads a cross-entropy loss as classification, even for a graph shaped like an autoencoder', () => {
    expect(resolveTask({ graph: AUTOENCODER.graph, loss: 'categoricalCrossentropy' })).toBe('classification');
    expect(resolveTask({ graph: AUTOENCODER.graph, loss: 'binaryCrossentropy' })).toBe('classification');
  });

  it('reads XOR with mean squared error as classification: its softmax output is class scores, not [x, y]', () => {
    expect(resolveTask({ graph: XOR.graph, loss: 'meanSquaredError' })).toBe('classification');
    const softmaxLayer = chainGraph([
      ['Input', { shape: [2] }],
      ['Dense', { units: 2, activation: 'linear' }],
      ['Softmax', {}],
    ]);
    expect(resolveTask({ graph: softmaxLayer, loss: 'meanSquaredError' })).toBe('classification');
  });

  it('reads mean squared error on an output shaped like the input as an autoencoder', () => {
    const points = chainGraph([
      ['Input', { shape: [2] }],
      ['Dense', { units: 1, activation: 'tanh' }],
      ['Dense', { units: 2, activation: 'linear' }],
    ]);
    expect(resolveTask({ graph: points, loss: 'meanSquaredError' })).toBe('autoencoder');
  });

  it('reads an output that cannot reproduce the input, or a graph without shapes, as classification', () => {
    expect(resolveTask({ graph: getTemplate('cnn')!.graph, loss: 'meanSquaredError' })).toBe('classification');
    expect(resolveTask({ graph: { version: 1, nodes: [], edges: [] }, loss: 'meanSquaredError' })).toBe(
      'classification',
    );
    const broken = chainGraph([
      ['Input', { shape: [2] }],
      ['Conv2D', {}],
    ]);
    expect(resolveTask({ graph: broken, loss: 'meanSquaredError' })).toBe('classification');
  });
});
