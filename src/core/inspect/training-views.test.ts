import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { TrainingEvent } from '../../shared/ipc/training-events';
import { getTemplate } from '../../shared/templates';
import { packFloats, unpack, unpackBytes } from '../../shared/views/packed-array';
import { TrainingRun, type TrainingRequest } from '../engine/training-run';

tf.enableProdMode();

const XOR = getTemplate('xor-mlp')!;

function xorRequest(views: boolean, epochs = 4): TrainingRequest {
  return {
    graph: XOR.graph,
    training: { ...XOR.training, backend: 'cpu-stock', epochs, learningRate: 0.05 },
    dataset: { kind: 'builtin', id: 'xor', params: { size: 200 } },
    task: XOR.task,
    views,
  };
}

/** A run whose views may take all the time they need: what they keep must not depend on the machine's load. */
async function train(request: TrainingRequest): Promise<{ run: TrainingRun; events: TrainingEvent[] }> {
  const events: TrainingEvent[] = [];
  const run = new TrainingRun(request, (event) => events.push(event), { viewTimeShare: Infinity });
  await run.run();
  return { run, events };
}

describe('a run with views', () => {
  it('trains exactly like a run without them (same losses, bit for bit)', async () => {
    const plain = await train(xorRequest(false));
    const viewed = await train(xorRequest(true));
    const losses = (events: TrainingEvent[]) =>
      events.filter((e) => e.type === 'epoch').map((e) => (e.type === 'epoch' ? [e.loss, e.valLoss] : []));
    expect(losses(viewed.events)).toEqual(losses(plain.events));
    expect(plain.events.some((e) => e.type === 'epoch' && e.gradientNorms)).toBe(false);
    plain.run.dispose();
    viewed.run.dispose();
  });

  it('reports a gradient norm per weighted layer on every epoch event', async () => {
    const { run, events } = await train(xorRequest(true));
    const epochs = events.filter((e): e is Extract<TrainingEvent, { type: 'epoch' }> => e.type === 'epoch');
    expect(epochs).toHaveLength(4);
    for (const epoch of epochs) {
      expect(epoch.gradientNorms?.map((g) => g.layer)).toEqual(XOR.graph.nodes.slice(1).map((node) => node.id));
      for (const g of epoch.gradientNorms!) expect(g.norm).toBeGreaterThan(0);
    }
    run.dispose();
  });

  it('lists exactly the validation samples of a confusion-matrix cell, for every epoch', async () => {
    const { run, events } = await train(xorRequest(true));
    const epochs = events.filter((e): e is Extract<TrainingEvent, { type: 'epoch' }> => e.type === 'epoch');
    for (const epoch of [epochs[0], epochs[epochs.length - 1]]) {
      for (let t = 0; t < 2; t++) {
        for (let p = 0; p < 2; p++) {
          const cell = await run.inspect({ kind: 'cellSamples', epoch: epoch.epoch, trueClass: t, predictedClass: p });
          expect(cell.total).toBe(epoch.confusionMatrix[t][p]);
          expect(cell.samples).toHaveLength(epoch.confusionMatrix[t][p]);
          for (const sample of cell.samples) {
            const probabilities = sample.probabilities!;
            expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
            expect(probabilities.indexOf(Math.max(...probabilities))).toBe(p);
            expect(unpack(sample.input)).toHaveLength(2);
          }
        }
      }
    }
    run.dispose();
  });

  it('keeps a snapshot per epoch with the boundary and the first kernel, and draws the live boundary', async () => {
    const { run } = await train(xorRequest(true));
    const { snapshots } = await run.inspect({ kind: 'snapshots' });
    expect(snapshots.map((s) => s.epoch)).toEqual([1, 2, 3, 4]);
    for (const snapshot of snapshots) {
      expect(unpackBytes(snapshot.boundary!.classes)).toHaveLength(32 * 32);
      expect(snapshot.weights!.values.shape).toEqual([2, 8]);
    }
    const boundary = await run.inspect({ kind: 'boundary', resolution: 20 });
    const classes = unpackBytes(boundary.grid.classes);
    expect(classes).toHaveLength(400);
    expect(new Set(classes)).toEqual(new Set([0, 1]));
    expect(boundary.points.length).toBeGreaterThan(100);
    expect(boundary.at.epoch).toBe(4);
    run.dispose();
  });

  it('predicts on a point of the user and answers the model summary', async () => {
    const { run } = await train(xorRequest(true));
    const prediction = await run.inspect({
      kind: 'predict',
      sample: { input: packFloats([0.5, 0.5], [2]) },
    });
    expect(prediction.probabilities!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    const model = await run.inspect({ kind: 'model' });
    expect(model.layers.map((l) => l.kind)).toEqual(['Dense', 'Dense']);
    expect(model.layers[0].activation).toBe('tanh');
    await expect(run.inspect({ kind: 'weights', layer: 'nope' })).rejects.toThrow(/no layer "nope"/);
    run.dispose();
  });
});
