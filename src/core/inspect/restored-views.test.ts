import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { TrainingEvent } from '../../shared/ipc/training-events';
import type { RunModel } from '../../shared/ipc/training-protocol';
import { getTemplate } from '../../shared/templates';
import { packFloats } from '../../shared/views/packed-array';
import type { ViewQuery } from '../../shared/views/view-queries';
import { TrainingRun, type TrainingRequest } from '../engine/training-run';
import { expectSameView } from './testing/expect-same-view';

tf.enableProdMode();

const XOR = getTemplate('xor-mlp')!;

function xorRequest(overrides: Partial<TrainingRequest['training']> = {}): TrainingRequest {
  return {
    graph: XOR.graph,
    // `cpu`: the fused Dense kernels, as the app trains; the restored model must fuse the same way to agree.
    training: { ...XOR.training, backend: 'cpu', epochs: 3, learningRate: 0.05, ...overrides },
    dataset: { kind: 'builtin', id: 'xor', params: { size: 200 } },
    task: XOR.task,
    views: true,
  };
}

async function trainAndSave(request: TrainingRequest): Promise<{ live: TrainingRun; saved: RunModel }> {
  const events: TrainingEvent[] = [];
  const live = new TrainingRun(request, (event) => events.push(event), { viewTimeShare: Infinity });
  await live.run();
  const done = events.find((e) => e.type === 'done');
  if (done?.type !== 'done') throw new Error(`the run did not finish: ${JSON.stringify(events.at(-1))}`);
  const weights = await live.inspect({ kind: 'modelWeights' });
  return {
    live,
    saved: { request, weights, classNames: done.classNames, epochs: done.epochs, status: 'done' },
  };
}

async function restore(saved: RunModel, dataProblem: string | null = null): Promise<TrainingRun> {
  const viewer = new TrainingRun(saved.request, () => {});
  await viewer.restore(saved, dataProblem);
  return viewer;
}

/** Every query kind a finished run's views ask (the snapshots come from the project file, not the model). */
const QUERIES: ViewQuery[] = [
  { kind: 'model' },
  { kind: 'weights', layer: XOR.graph.nodes[1].id },
  { kind: 'activations', sample: { split: 'validation', index: 3 } },
  { kind: 'activations', sample: { input: packFloats([0.4, -0.8], [2]) } },
  { kind: 'layerStats', samples: 64 },
  { kind: 'predict', sample: { split: 'train', index: 7 } },
  { kind: 'predict', sample: { input: packFloats([-0.3, 0.9], [2]) } },
  { kind: 'boundary', resolution: 16 },
  { kind: 'cellSamples', epoch: 3, trueClass: 0, predictedClass: 0 },
  { kind: 'cellSamples', epoch: 3, trueClass: 1, predictedClass: 0 },
  { kind: 'modelWeights' },
];

describe('a finished run restored from its saved weights', () => {
  it('answers every view as the live run did (to 1e-6), including the last epoch’s matrix cells', async () => {
    const { live, saved } = await trainAndSave(xorRequest());
    const viewer = await restore(saved);
    for (const query of QUERIES)
      expectSameView(await viewer.inspect(query), await live.inspect(query), 1e-6, query.kind);
    // Earlier epochs' predictions are not in the project file: said, not made up.
    await expect(viewer.inspect({ kind: 'cellSamples', epoch: 1, trueClass: 0, predictedClass: 0 })).rejects.toThrow(
      /epoch 1 are not kept/,
    );
    live.dispose();
    viewer.dispose();
  });

  it('answers from its own weights: two runs with different settings give different predictions', async () => {
    const first = await trainAndSave(xorRequest({ learningRate: 0.05 }));
    const second = await trainAndSave(xorRequest({ learningRate: 0.2, seed: 7 }));
    const query = { kind: 'predict', sample: { input: packFloats([0.5, 0.5], [2]) } } as const;
    const [a, b] = [await restore(first.saved), await restore(second.saved)];
    const pa = (await a.inspect(query)).probabilities!;
    const pb = (await b.inspect(query)).probabilities!;
    expect(pa[0] + pa[1]).toBeCloseTo(1, 6);
    expect(pa).not.toEqual(pb);
    expect(pa).toEqual((await first.live.inspect(query)).probabilities);
    for (const run of [first.live, second.live, a, b]) run.dispose();
  });

  it('without its data, still shows its weights and predictions and says why for the views that need samples', async () => {
    const { live, saved } = await trainAndSave(xorRequest());
    const problem = 'The data file “points.csv” is not loaded in this session: import it again with Import data….';
    const viewer = await restore(saved, problem);
    const point = { input: packFloats([0.2, 0.1], [2]) };
    expectSameView(
      await viewer.inspect({ kind: 'predict', sample: point }),
      await live.inspect({ kind: 'predict', sample: point }),
    );
    const layer = XOR.graph.nodes[1].id;
    expectSameView(await viewer.inspect({ kind: 'weights', layer }), await live.inspect({ kind: 'weights', layer }));
    expect((await viewer.inspect({ kind: 'model' })).classNames).toEqual(saved.classNames);
    for (const query of [
      { kind: 'boundary', resolution: 16 },
      { kind: 'layerStats', samples: 8 },
      { kind: 'cellSamples', epoch: 3, trueClass: 0, predictedClass: 0 },
      { kind: 'predict', sample: { split: 'validation', index: 0 } },
    ] as const) {
      await expect(viewer.inspect(query)).rejects.toThrow(problem);
    }
    live.dispose();
    viewer.dispose();
  });

  it('says so when the data file it was trained on can no longer be read', async () => {
    const { live, saved } = await trainAndSave(xorRequest());
    const gone: RunModel = {
      ...saved,
      request: { ...saved.request, dataset: { kind: 'file', path: '/nonexistent/points.csv', name: 'points.csv' } },
    };
    const viewer = await restore(gone);
    await expect(viewer.inspect({ kind: 'boundary', resolution: 16 })).rejects.toThrow(
      /The data this run was trained on \(points\.csv\) can't be read any more/,
    );
    expect((await viewer.inspect({ kind: 'model' })).layers.length).toBeGreaterThan(0);
    live.dispose();
    viewer.dispose();
  });

  it('does not list matrix cells of a stopped run, whose weights moved on after its last validation', async () => {
    const { live, saved } = await trainAndSave(xorRequest());
    const viewer = await restore({ ...saved, status: 'cancelled' });
    await expect(viewer.inspect({ kind: 'cellSamples', epoch: 3, trueClass: 0, predictedClass: 0 })).rejects.toThrow(
      /stopped part-way through an epoch/,
    );
    expect((await viewer.inspect({ kind: 'boundary', resolution: 8 })).at).toEqual({ epoch: 3, batch: 0 });
    live.dispose();
    viewer.dispose();
  });

  it('refuses weights that do not fit the run’s graph, naming the problem', async () => {
    const { live, saved } = await trainAndSave(xorRequest());
    const wrong = { ...saved, weights: { ...saved.weights, specs: saved.weights.specs.slice(1) } };
    await expect(restore(wrong)).rejects.toThrow(/saved weights/);
    live.dispose();
  });
});
