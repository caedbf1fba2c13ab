import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TrainingEvent } from '../../shared/ipc/training-events';
import type { ModelGraph } from '../../shared/graph/model-graph';
import { getTemplate } from '../../shared/templates';
import type { TrainConfig } from '../../shared/training/train-config';
import type { LoadedDataset } from '../datasets/loaded-dataset';
import { splitDataset } from '../datasets/split-dataset';
import { fileLoadHandler } from './file-io-handler';
import { TrainingRun, type DataSource, type TrainingRequest } from './training-run';

tf.enableProdMode();

const XOR = getTemplate('xor-mlp')!;

function request(training: Partial<TrainConfig> = {}, overrides: Partial<TrainingRequest> = {}): TrainingRequest {
  return {
    graph: XOR.graph,
    training: { ...XOR.training, backend: 'cpu-stock', epochs: 3, ...training },
    dataset: { kind: 'builtin', id: 'xor', params: { size: 200 } },
    task: XOR.task,
    ...overrides,
  };
}

async function collect(
  req: TrainingRequest,
  options: ConstructorParameters<typeof TrainingRun>[2] = {},
): Promise<TrainingEvent[]> {
  const events: TrainingEvent[] = [];
  const run = new TrainingRun(req, (event) => events.push(event), options);
  await run.run();
  run.dispose();
  return events;
}

/** Unnormalized samples (±100): with plain SGD at a high learning rate the weights blow up. */
function hugeData(): DataSource {
  const count = 64;
  const x = new Float32Array(count * 2).map((_, i) => (i % 3 === 0 ? 100 : -100));
  const labels = Int32Array.from({ length: count }, (_, i) => i % 2);
  const data: LoadedDataset = {
    descriptor: {
      id: 'huge',
      name: 'huge values',
      description: '',
      inputShape: [2],
      classNames: ['a', 'b'],
      countsPerClass: [32, 32],
      splits: { train: count, validation: 0, test: 0 },
      valueRange: [-100, 100],
      source: 'test',
    },
    x,
    labels,
    count,
  };
  return { loadDataset: async () => data, splitDataset };
}

describe('TrainingRun', () => {
  it('emits started, epochs and done with a confusion matrix summing to the validation size, and learns xor', async () => {
    const events = await collect(request({ epochs: 30, learningRate: 0.05 }));
    const started = events[0];
    expect(started).toMatchObject({
      type: 'started',
      backend: 'cpu-stock',
      trainSize: 180,
      valSize: 20,
      classNames: expect.any(Array),
      epochs: 30,
    });
    if (started.type !== 'started') throw new Error('no started event');
    expect(started.params).toBe(2 * 8 + 8 + 8 * 2 + 2);
    expect(started.batchesPerEpoch).toBe(Math.ceil(180 / 32));
    const epochs = events.filter((e) => e.type === 'epoch');
    expect(epochs).toHaveLength(30);
    const done = events[events.length - 1];
    expect(done.type).toBe('done');
    if (done.type !== 'done') return;
    const total = done.confusionMatrix.flat().reduce((a, b) => a + b, 0);
    expect(total).toBe(20);
    expect(done.metrics.valAccuracy).toBeGreaterThan(0.85);
    const last = epochs[epochs.length - 1];
    if (last.type !== 'epoch') return;
    expect(last.perClass).toHaveLength(2);
    expect(last.samplesPerSecond).toBeGreaterThan(0);
    expect(last.etaSeconds).toBe(0);
    expect(last.loss).toBeLessThan((epochs[0] as { loss: number }).loss);
  });

  it('is bit-for-bit repeatable with the same seed (shuffle, init, dropout, noise, split)', async () => {
    // Dropout and GaussianNoise draw from Math.random in tfjs, so put both in the graph.
    const graph: ModelGraph = {
      version: 1,
      nodes: [
        { id: 'in', kind: 'Input', config: { shape: [2] }, position: { x: 0, y: 0 } },
        { id: 'noise', kind: 'GaussianNoise', config: { stddev: 0.3 }, position: { x: 0, y: 1 } },
        { id: 'h', kind: 'Dense', config: { units: 8, activation: 'relu' }, position: { x: 0, y: 2 } },
        { id: 'drop', kind: 'Dropout', config: { rate: 0.5 }, position: { x: 0, y: 3 } },
        { id: 'out', kind: 'Dense', config: { units: 2, activation: 'softmax' }, position: { x: 0, y: 4 } },
      ],
      edges: [
        { id: 'a', source: 'in', target: 'noise' },
        { id: 'b', source: 'noise', target: 'h' },
        { id: 'c', source: 'h', target: 'drop' },
        { id: 'd', source: 'drop', target: 'out' },
      ],
    };
    const losses = async (seed: number) => {
      const events = await collect(request({ seed, epochs: 3 }, { graph }));
      return events.filter((e) => e.type === 'epoch').map((e) => (e.type === 'epoch' ? [e.loss, e.valLoss] : []));
    };
    const first = await losses(11);
    expect(await losses(11)).toEqual(first);
    expect(await losses(12)).not.toEqual(first);
  });

  it('throttles batch events to at most 10 per second of its clock, always sending the first', async () => {
    let clock = 0;
    // Every reading of the clock advances it 7 ms: far more than 10 batches per second.
    const now = () => (clock += 7);
    const events = await collect(request({ epochs: 4, batchSize: 4 }), { now });
    const batches = events.filter((e) => e.type === 'batch');
    expect(batches[0]).toMatchObject({ epoch: 1, batch: 1 });
    const totalBatches = 4 * Math.ceil(180 / 4);
    expect(batches.length).toBeLessThan(totalBatches / 5);
    expect(batches.length).toBeGreaterThan(1);
  });

  it('pauses between batches, resumes the same run, and stops after the current batch', async () => {
    const events: TrainingEvent[] = [];
    let batchesSeen = 0;
    // A clock that lets every batch event through, so the test can count batches.
    let clock = 0;
    const run: TrainingRun = new TrainingRun(
      request({ epochs: 50, batchSize: 8 }),
      (event) => {
        events.push(event);
        if (event.type === 'batch' && ++batchesSeen === 3) {
          run.pause();
          setTimeout(() => {
            expect(events[events.length - 1].type).toBe('paused');
            run.resume();
          }, 30);
        }
        if (event.type === 'epoch' && event.epoch === 2) run.stop();
      },
      { now: () => (clock += 1000) },
    );
    await run.run();
    const types = events.map((e) => e.type);
    const pausedAt = types.indexOf('paused');
    expect(pausedAt).toBeGreaterThan(0);
    expect(events[pausedAt]).toMatchObject({ epoch: 1, batch: 3 });
    expect(events[pausedAt + 1]).toMatchObject({ type: 'resumed', epoch: 1, batch: 3 });
    expect(events[pausedAt + 2]).toMatchObject({ type: 'batch', epoch: 1, batch: 4 });
    const cancelled = events[events.length - 1];
    // Stop during epoch 3's first batch: two epochs finished, their metrics are kept.
    expect(cancelled).toMatchObject({ type: 'cancelled', epochs: 2 });
    expect(events.filter((e) => e.type === 'batch' && e.epoch === 3)).toHaveLength(1);
    expect(run.model).not.toBeNull();
    run.dispose();
  });

  it('exports mid-run at a batch boundary without disturbing the run, and again after a stop', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'layerlab-run-'));
    try {
      const events: TrainingEvent[] = [];
      let exportDuringRun: Promise<void> | null = null;
      const run: TrainingRun = new TrainingRun(request({ epochs: 1000, batchSize: 16 }), (event) => {
        events.push(event);
        if (event.type === 'epoch' && event.epoch === 1) exportDuringRun = run.exportTo(path.join(root, 'during'));
        if (event.type === 'epoch' && event.epoch === 3) run.stop();
      });
      await run.run();
      await exportDuringRun;
      expect(events[events.length - 1]).toMatchObject({ type: 'cancelled', epochs: 3 });
      await run.exportTo(path.join(root, 'after'));
      expect(
        readFileSync(path.join(root, 'during', 'history.csv'), 'utf8')
          .trim()
          .split('\n'),
      ).toHaveLength(2);
      expect(
        readFileSync(path.join(root, 'after', 'history.csv'), 'utf8')
          .trim()
          .split('\n'),
      ).toHaveLength(4);
      const loaded = await tf.loadLayersModel(fileLoadHandler(path.join(root, 'after')));
      const x = tf.tensor2d([[0.3, -0.7]]);
      expect(Array.from((loaded.predict(x) as tf.Tensor).dataSync())).toEqual(
        Array.from((run.model!.predict(x) as tf.Tensor).dataSync()),
      );
      run.dispose();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('stops with a diverged error when the loss becomes NaN or infinite', async () => {
    const graph = structuredClone(XOR.graph);
    graph.nodes[2].config.activation = 'linear';
    const events = await collect(
      request(
        { optimizer: 'sgd', learningRate: 1, loss: 'meanSquaredError', epochs: 40, batchSize: 4 },
        { graph, task: 'classification' },
      ),
      { data: hugeData() },
    );
    const last = events[events.length - 1];
    expect(last.type).toBe('error');
    if (last.type !== 'error') return;
    expect(last.code).toBe('diverged');
    expect(last.message).toMatch(/learning rate/);
    expect(last.message).toMatch(/became (NaN|Infinity)/);
    expect(events.some((e) => e.type === 'done')).toBe(false);
  });

  it('says a classifier that learned nothing (SGD at lr 10, the clipped loss never NaN) did, and warns first', async () => {
    // Before: the run ended "done" at chance accuracy with no word at all.
    const events = await collect(request({ optimizer: 'sgd', learningRate: 10, epochs: 4, batchSize: 8 }));
    const started = events.find((e) => e.type === 'started');
    expect(started?.type === 'started' && started.diagnoses?.map((d) => d.code)).toEqual(['high-learning-rate']);
    const done = events.at(-1)!;
    expect(done.type).toBe('done');
    if (done.type !== 'done') return;
    expect(done.metrics.valAccuracy).toBeLessThanOrEqual(0.6);
    const learned = done.diagnoses?.find((d) => d.code === 'learned-nothing');
    expect(learned).toMatchObject({
      severity: 'error',
      advice: expect.stringMatching(/Lower the learning rate \(now 10/),
    });
    const noticed = events.filter((e) => e.type === 'epoch' && e.diagnoses?.some((d) => d.code === 'learned-nothing'));
    expect(noticed).toHaveLength(1);
  });

  it('sends no diagnosis for a run that learns', async () => {
    const events = await collect(request({ epochs: 30, optimizer: 'adam', learningRate: 0.02 }));
    const done = events.at(-1)!;
    expect(done.type === 'done' && done.metrics.valAccuracy).toBeGreaterThan(0.9);
    expect(done.type === 'done' && done.diagnoses).toEqual([]);
    expect(events.some((e) => (e.type === 'epoch' || e.type === 'started') && e.diagnoses)).toBe(false);
  });

  it('leaks no tensors: the count after epoch 2 equals the count after epoch 20', async () => {
    const counts = new Map<number, number>();
    const run = new TrainingRun(request({ epochs: 20, optimizer: 'adam' }), (event) => {
      if (event.type === 'epoch') counts.set(event.epoch, tf.memory().numTensors);
    });
    await run.run();
    expect(counts.get(20)).toBe(counts.get(2));
    run.dispose();
  });

  it('trains an autoencoder (with BatchNorm) on its input, with no accuracy and no confusion matrix', async () => {
    const graph: ModelGraph = {
      version: 1,
      nodes: [
        { id: 'in', kind: 'Input', config: { shape: [2] }, position: { x: 0, y: 0 } },
        { id: 'code', kind: 'Dense', config: { units: 3, activation: 'tanh' }, position: { x: 0, y: 1 } },
        { id: 'bn', kind: 'BatchNorm', config: {}, position: { x: 0, y: 2 } },
        { id: 'out', kind: 'Dense', config: { units: 2, activation: 'linear' }, position: { x: 0, y: 3 } },
      ],
      edges: [
        { id: 'a', source: 'in', target: 'code' },
        { id: 'b', source: 'code', target: 'bn' },
        { id: 'c', source: 'bn', target: 'out' },
      ],
    };
    const events = await collect(
      request({ loss: 'meanSquaredError', epochs: 15, learningRate: 0.02 }, { graph, task: 'autoencoder' }),
    );
    const epochs = events.filter((e) => e.type === 'epoch');
    expect(epochs).toHaveLength(15);
    const first = epochs[0];
    const last = epochs[14];
    if (first.type !== 'epoch' || last.type !== 'epoch') return;
    expect(last.accuracy).toBeNull();
    expect(last.valAccuracy).toBeNull();
    expect(last.confusionMatrix).toEqual([]);
    expect(last.loss).toBeLessThan(first.loss / 2);
    expect(events[events.length - 1]).toMatchObject({ type: 'done', confusionMatrix: [], metrics: { accuracy: null } });
  });

  it('reports a classifier whose output does not match the classes as bad input, naming the numbers', async () => {
    const graph = structuredClone(XOR.graph);
    graph.nodes[2].config.units = 3;
    const events = await collect(request({}, { graph }));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'error', code: 'invalid-graph' });
    if (events[0].type === 'error') expect(events[0].message).toMatch(/2/);
  });

  it('reports a bad data file without quoting its text (the event reaches the renderer)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'layerlab-run-'));
    try {
      const file = path.join(dir, 'notes.csv');
      writeFileSync(file, 'SECRET_A,SECRET_B\n1,2\n');
      const events = await collect(
        request({}, { dataset: { kind: 'file', path: file, y: 'nope', options: { header: true } } }),
      );
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ type: 'error', code: 'bad-input' });
      if (events[0].type === 'error') {
        expect(events[0].message).toMatch(/no label column "nope"/);
        expect(events[0].message).not.toMatch(/SECRET/);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
