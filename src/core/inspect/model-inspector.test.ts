import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTemplate } from '../../shared/templates';
import { packFloats, unpack } from '../../shared/views/packed-array';
import type { LoadedDataset } from '../datasets/loaded-dataset';
import { splitDataset } from '../datasets/split-dataset';
import { fileLoadHandler } from '../engine/file-io-handler';
import { TrainingRun, type DataSource } from '../engine/training-run';
import { mulberry32 } from '../../shared/seeded-random';
import '../engine/maxout-layer';

tf.enableProdMode();

/** 60 seeded random 36×36 "images" in 5 classes: enough for the CNN to train one epoch in a second. */
function randomImages(): DataSource {
  const count = 60;
  const random = mulberry32(7);
  const x = Float32Array.from({ length: count * 36 * 36 }, () => (random() < 0.2 ? random() : 0));
  const labels = Int32Array.from({ length: count }, (_, i) => i % 5);
  const data: LoadedDataset = {
    descriptor: {
      id: 'random-images',
      name: 'random images',
      description: '',
      inputShape: [36, 36, 1],
      classNames: ['a', 'b', 'c', 'd', 'e'],
      countsPerClass: [12, 12, 12, 12, 12],
      splits: { train: count, validation: 0, test: 0 },
      valueRange: [0, 1],
      source: 'test',
    },
    x,
    labels,
    count,
  };
  return { loadDataset: async () => data, splitDataset };
}

const MAX_ERROR = 1e-5;

function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

describe('the views of a trained CNN match the exported model', () => {
  const cnn = getTemplate('cnn')!;
  let run: TrainingRun;
  let exported: tf.LayersModel;
  let dir: string;

  beforeAll(async () => {
    run = new TrainingRun(
      {
        graph: cnn.graph,
        training: { ...cnn.training, epochs: 1, batchSize: 16, validationSplit: 0.25, backend: 'cpu' },
        dataset: { kind: 'builtin', id: 'random-images' },
        task: 'classification',
        views: true,
      },
      () => {},
      { data: randomImages() },
    );
    await run.run();
    dir = mkdtempSync(path.join(tmpdir(), 'layerlab-inspect-'));
    await run.exportTo(dir);
    exported = await tf.loadLayersModel(fileLoadHandler(dir));
  });

  afterAll(() => {
    run.dispose();
    exported.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the Conv2D filters exactly as the exported kernel holds them', async () => {
    const model = await run.inspect({ kind: 'model' });
    const conv = model.layers.find((layer) => layer.kind === 'Conv2D')!;
    expect(conv.weights.map((w) => w.shape)).toEqual([[5, 5, 1, 4], [4]]);
    const view = await run.inspect({ kind: 'weights', layer: conv.name });
    const kernel = unpack(view.weights[0].values);
    const saved = exported.getLayer(conv.name).getWeights()[0];
    expect(view.weights[0].values.shape).toEqual(saved.shape);
    expect(maxDifference(kernel, saved.dataSync())).toBeLessThanOrEqual(MAX_ERROR);
  });

  it('computes every Conv2D and pooling feature map like a tfjs sub-model of the exported model', async () => {
    const view = await run.inspect({ kind: 'activations', sample: { split: 'validation', index: 3 } });
    const input = unpack(view.sample.input);
    for (const kind of ['conv2d', 'maxpool2d']) {
      const layer = view.layers.find((l) => l.name.startsWith(kind))!;
      expect(layer.outputShape.length).toBe(3);
      const sub = tf.model({
        inputs: exported.inputs,
        outputs: exported.getLayer(layer.name).output as tf.SymbolicTensor,
      });
      const expected = (sub.predict(tf.tensor(input, [1, 36, 36, 1])) as tf.Tensor).dataSync();
      expect(layer.channels).toBe(layer.outputShape[2]);
      expect(maxDifference(unpack(layer.values!), expected)).toBeLessThanOrEqual(MAX_ERROR);
    }
  });

  it('gives a drawn input the probabilities the exported model gives it (to 1e-5), summing to 1', async () => {
    const drawing = new Float32Array(36 * 36);
    for (let row = 8; row < 28; row++) drawing[row * 36 + 17] = drawing[row * 36 + 18] = 1;
    const view = await run.inspect({ kind: 'predict', sample: { input: packFloats(drawing, [36, 36, 1]) } });
    const expected = (exported.predict(tf.tensor(drawing, [1, 36, 36, 1])) as tf.Tensor).dataSync();
    expect(maxDifference(view.probabilities!, expected)).toBeLessThanOrEqual(MAX_ERROR);
    expect(view.probabilities!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(maxDifference(unpack(view.sample.input), drawing)).toBe(0);
  });

  it('summarizes activations over samples, with the share of dead ReLU units', async () => {
    const stats = await run.inspect({ kind: 'layerStats', samples: 10 });
    expect(stats.samples).toBe(10);
    const conv = stats.layers.find((l) => l.name.startsWith('conv2d'))!;
    expect(conv.deadShare).toBeGreaterThanOrEqual(0);
    expect(conv.deadShare).toBeLessThanOrEqual(1);
    expect(conv.histogram.counts.reduce((a, b) => a + b, 0)).toBe(10 * 36 * 36 * 4);
    expect(stats.layers.find((l) => l.name.startsWith('flatten'))!.deadShare).toBeNull();
  });

  it('refuses a boundary for an image model and a sample that does not exist, saying why', async () => {
    await expect(run.inspect({ kind: 'boundary', resolution: 16 })).rejects.toThrow(/2-D points.*\[36, 36, 1\]/);
    await expect(run.inspect({ kind: 'activations', sample: { split: 'validation', index: 999 } })).rejects.toThrow(
      /15 validation samples; sample 999 does not exist/,
    );
    await expect(run.inspect({ kind: 'predict', sample: { input: packFloats([1, 2, 3], [3]) } })).rejects.toThrow(
      /3 values, but the model takes \[36, 36, 1\] \(1296 values\)/,
    );
  });
});
