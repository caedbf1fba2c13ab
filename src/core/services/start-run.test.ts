import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StartTrainingRequest } from '../../shared/ipc/training-protocol';
import type { TrainingEvent } from '../../shared/ipc/training-events';
import { getTemplate } from '../../shared/templates';
import { NO_LAYER_MATCHES } from '../../shared/training/start-from';
import type { SavedWeights } from '../../shared/views/view-queries';
import type { TrainingHost } from '../engine/training-host';
import { TrainingRun } from '../engine/training-run';
import { modelWeights } from '../inspect/model-inspector';
import { encodeProjectWeights } from '../interop/project-weights';
import { weightsFromModel } from '../interop/weights/tfjs-model-weights';
import { join } from 'node:path';
import { parseProjectFile } from '../../shared/graph/project-file';
import { readProjectWeights } from '../../shared/graph/project-weights';
import { buildModel } from '../engine/build-model';
import { setInitialWeights } from '../engine/initial-weights';
import { importModel } from './invoke-handlers';
import { RunModelStore } from './run-models';
import { startRun } from './start-run';

tf.enableProdMode();

const XOR = getTemplate('xor-mlp')!;
const REQUEST: StartTrainingRequest = {
  graph: XOR.graph,
  training: { ...XOR.training, epochs: 2, seed: 3, backend: 'cpu' },
  dataset: XOR.dataset,
  task: XOR.task,
};

/** A host that records what it was asked to start. */
function recordingHost(): { host: TrainingHost; started: StartTrainingRequest[] } {
  const started: StartTrainingRequest[] = [];
  const host = { start: (request: StartTrainingRequest) => (started.push(request), `run-${started.length}`) };
  return { host: host as unknown as TrainingHost, started };
}

describe('startRun: the app starts a run from the weights of an earlier run or of the imported model', () => {
  const store = new RunModelStore();
  let saved: SavedWeights;
  let trained: ReturnType<typeof weightsFromModel>;
  /** The trained model's outputs for SAMPLES. */
  let predicted: Float32Array;

  beforeAll(async () => {
    const events: TrainingEvent[] = [];
    const run = new TrainingRun(REQUEST, (event) => events.push(event));
    try {
      await run.run();
      expect(events.some((event) => event.type === 'done')).toBe(true);
      await store.keep('run-a', (dir) => run.exportTo(dir));
      saved = modelWeights(run.model!);
      trained = weightsFromModel(run.model!);
      predicted = predict(run.model!);
    } finally {
      run.dispose();
    }
  }, 120_000);
  afterAll(() => store.dispose());

  it('reads a run of this session where the host keeps it, and sends every matching layer as initialWeights', async () => {
    const { host, started } = recordingHost();
    const answer = await startRun(
      { ...REQUEST, startFrom: { kind: 'run', run: 1 }, weightsFrom: { from: 'host-run', runId: 'run-a' } },
      { training: host, runModels: store },
    );
    expect(answer).toEqual({
      runId: 'run-1',
      reuse: { source: 'Run 1', reused: ['dense-1', 'dense-2'], skipped: [], unused: [] },
    });
    expect(started).toHaveLength(1);
    expect(started[0]).not.toHaveProperty('weightsFrom');
    expect(started[0].startFrom).toEqual({ kind: 'run', run: 1 });
    expect(Object.keys(started[0].initialWeights!.layers).sort()).toEqual(['dense-1', 'dense-2']);
  });

  it('gives the same weights from a run read back from the project file (its saved weights)', async () => {
    const fromHost = recordingHost();
    await startRun(
      { ...REQUEST, startFrom: { kind: 'run', run: 1 }, weightsFrom: { from: 'host-run', runId: 'run-a' } },
      { training: fromHost.host, runModels: store },
    );
    const fromFile = recordingHost();
    await startRun(
      { ...REQUEST, startFrom: { kind: 'run', run: 1 }, weightsFrom: { from: 'saved-run', weights: saved } },
      { training: fromFile.host, runModels: store },
    );
    expect(fromFile.started[0].initialWeights!.layers).toEqual(fromHost.started[0].initialWeights!.layers);
  });

  it("takes the project's imported weights by node id", async () => {
    const { host, started } = recordingHost();
    const byNode = new Map([['dense-1', trained.get('dense-1')!]]);
    const answer = await startRun(
      {
        ...REQUEST,
        startFrom: { kind: 'imported' },
        weightsFrom: { from: 'project', weights: encodeProjectWeights(byNode, 'imported from model.json') },
      },
      { training: host, runModels: store },
    );
    expect(answer.reuse).toEqual({
      source: 'Imported model weights',
      reused: ['dense-1'],
      skipped: [{ layer: 'dense-2', reason: 'no layer of that name there' }],
      unused: [],
    });
    expect(Object.keys(started[0].initialWeights!.layers)).toEqual(['dense-1']);
  });

  it('reuses what fits of a changed graph and says why the rest starts fresh', async () => {
    const { host } = recordingHost();
    const wider = {
      ...REQUEST.graph,
      nodes: REQUEST.graph.nodes.map((n) => (n.id === 'dense-2' ? { ...n, config: { ...n.config, units: 3 } } : n)),
    };
    const answer = await startRun(
      {
        ...REQUEST,
        graph: wider,
        startFrom: { kind: 'run', run: 1 },
        weightsFrom: { from: 'saved-run', weights: saved },
      },
      { training: host, runModels: store },
    );
    expect(answer.reuse?.reused).toEqual(['dense-1']);
    expect(answer.reuse?.skipped).toEqual([
      { layer: 'dense-2', reason: 'kernel is [8, 2], expected [8, 3]; bias is [2], expected [3]' },
    ]);
  });

  it('starts nothing when no layer matches, and says so naming the source', async () => {
    const { host, started } = recordingHost();
    const renamed = {
      ...REQUEST.graph,
      nodes: REQUEST.graph.nodes.map((n) => (n.kind === 'Dense' ? { ...n, label: `other ${n.id}` } : n)),
    };
    await expect(
      startRun(
        {
          ...REQUEST,
          graph: renamed,
          startFrom: { kind: 'run', run: 1 },
          weightsFrom: { from: 'host-run', runId: 'run-a' },
        },
        { training: host, runModels: store },
      ),
    ).rejects.toThrow(`Run 1: ${NO_LAYER_MATCHES}`);
    expect(started).toEqual([]);
  });

  it('names a run whose model the host no longer keeps', async () => {
    const { host } = recordingHost();
    await expect(
      startRun(
        { ...REQUEST, startFrom: { kind: 'run', run: 1 }, weightsFrom: { from: 'host-run', runId: 'gone' } },
        { training: host, runModels: store },
      ),
    ).rejects.toThrow(
      /^Run 1's model is no longer kept \(LayerLab keeps the last 20 runs of this session\): choose another Start from\.$/,
    );
  });

  it('Open model… with its weights, then Start from the imported weights: the model predicts what the export did', async () => {
    // The run's TF.js export (model.json, weights.bin, project file), opened as Open model… opens it.
    const imported = await importModel(join(store.folder('run-a'), 'model.json'));
    const parsed = parseProjectFile(imported.text);
    if (!parsed.ok) throw new Error(parsed.error);
    const weights = readProjectWeights(parsed.project.weights);
    expect(weights).not.toBeNull();
    const { host, started } = recordingHost();
    const answer = await startRun(
      {
        graph: parsed.project.graph,
        training: { ...parsed.project.training, seed: 99 },
        dataset: parsed.project.dataset,
        task: parsed.project.task,
        startFrom: { kind: 'imported' },
        weightsFrom: { from: 'project', weights: weights! },
      },
      { training: host, runModels: store },
    );
    expect(answer.reuse).toMatchObject({ reused: ['dense-1', 'dense-2'], skipped: [] });
    // What the training process does with the request before its first batch (TrainingRun.build).
    const model = buildModel(parsed.project.graph, { seed: 99 });
    try {
      setInitialWeights(model, parsed.project.graph, started[0].initialWeights!);
      const outputs = predict(model);
      const largest = Math.max(...outputs.map((value, i) => Math.abs(value - predicted[i])));
      expect(largest).toBeLessThan(1e-5);
    } finally {
      model.dispose();
    }
  });

  it('starts from new random weights without weightsFrom', async () => {
    const { host, started } = recordingHost();
    expect(await startRun(REQUEST, { training: host, runModels: store })).toEqual({ runId: 'run-1' });
    expect(started[0]).toEqual(REQUEST);
  });
});

/** Eight fixed points of the XOR plane. */
const SAMPLES = [-1, -1, -1, 1, 1, -1, 1, 1, -0.5, 0.25, 0.3, -0.7, 0.9, 0.1, -0.2, -0.8];

function predict(model: tf.LayersModel): Float32Array {
  return tf.tidy(() => (model.predict(tf.tensor2d(SAMPLES, [8, 2])) as tf.Tensor).dataSync() as Float32Array);
}
