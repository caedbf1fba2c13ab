import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainingEvent } from '../../../shared/ipc/training-events';
import type { ModelGraph } from '../../../shared/graph/model-graph';
import type { ProjectWeights } from '../../../shared/graph/project-weights';
import { getTemplate } from '../../../shared/templates';
import type { Template } from '../../../shared/templates/template';
import { chain, node } from '../../../shared/graph/testing/fixtures';
import { buildModel } from '../../engine/build-model';
import { MODEL_JSON } from '../../engine/file-io-handler';
import { TrainingRun } from '../../engine/training-run';
import { planWeightReuse, readWeightSource, type WeightReuse } from './weight-reuse';
import { weightsFromModel } from './tfjs-model-weights';

tf.enableProdMode();

const AUTOENCODER = getTemplate('autoencoder')!;
const CLASSIFIER = getTemplate('pretrained-classifier')!;
const work = mkdtempSync(path.join(tmpdir(), 'layerlab-reuse-'));
const runDir = path.join(work, 'autoencoder-run');
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Finished {
  events: TrainingEvent[];
  weights: ReturnType<typeof weightsFromModel>;
}

/** Trains a template on the fonts for `epochs`, seeded, on the project's fast CPU kernels. */
async function train(
  template: Template,
  epochs: number,
  extra: { graph?: ModelGraph; initialWeights?: ProjectWeights; exportTo?: string } = {},
): Promise<Finished> {
  const events: TrainingEvent[] = [];
  const run = new TrainingRun(
    {
      graph: extra.graph ?? template.graph,
      training: { ...template.training, epochs, seed: 7, backend: 'cpu' },
      dataset: template.dataset,
      task: template.task,
      ...(extra.initialWeights ? { initialWeights: extra.initialWeights } : {}),
    },
    (event) => events.push(event),
  );
  try {
    await run.run();
    const failed = events.find((event) => event.type === 'error');
    if (failed) throw new Error(`training failed: ${JSON.stringify(failed)}`);
    if (extra.exportTo) await run.exportTo(extra.exportTo);
    return { events, weights: weightsFromModel(run.model!) };
  } finally {
    run.dispose();
  }
}

function firstEpochLoss(events: TrainingEvent[]): number {
  const epoch = events.find((event) => event.type === 'epoch');
  if (epoch?.type !== 'epoch') throw new Error('no epoch event');
  return epoch.loss;
}

describe('reusing weights layer by layer (layer-wise pre-training)', () => {
  let autoencoder: Finished;
  let reuse: WeightReuse;

  beforeAll(async () => {
    autoencoder = await train(AUTOENCODER, 2, { exportTo: runDir });
    reuse = planWeightReuse(CLASSIFIER.graph, await readWeightSource(runDir));
  }, 600_000);

  it("reuses the trained autoencoder's encoder in pretrained-classifier and says what it does not reuse", () => {
    expect(reuse.reused).toEqual(['dense-1']);
    expect(reuse.skipped).toEqual([{ layer: 'classifier', reason: 'no layer of that name there' }]);
    expect(reuse.unused).toEqual(['dense-2']);
    expect(Object.keys(reuse.initialWeights.layers)).toEqual(['dense-1']);
  });

  it('reads the same weights from the run folder and from its model.json', async () => {
    const fromJson = planWeightReuse(CLASSIFIER.graph, await readWeightSource(path.join(runDir, MODEL_JSON)));
    expect(fromJson.reused).toEqual(reuse.reused);
    expect(fromJson.initialWeights.layers).toEqual(reuse.initialWeights.layers);
  });

  it('names a layer whose shapes differ, and reuses nothing of it', () => {
    const wider: ModelGraph = {
      ...CLASSIFIER.graph,
      nodes: CLASSIFIER.graph.nodes.map((node) =>
        node.id === 'dense-1' ? { ...node, config: { ...node.config, units: 32 } } : node,
      ),
    };
    const mismatch = planWeightReuse(wider, { origin: runDir, weights: autoencoder.weights });
    expect(mismatch.reused).toEqual([]);
    expect(mismatch.skipped).toContainEqual({
      layer: 'dense-1',
      reason: 'kernel is [1296, 64], expected [1296, 32]; bias is [64], expected [32]',
    });
  });

  it('continues an earlier run: a lower first-epoch loss than from scratch, same seed', async () => {
    const earlierDir = path.join(work, 'classifier-run');
    await train(CLASSIFIER, 2, { exportTo: earlierDir });
    const again = planWeightReuse(CLASSIFIER.graph, await readWeightSource(earlierDir));
    expect(again.reused).toEqual(['dense-1', 'classifier']);
    const scratch = await train(CLASSIFIER, 1);
    const continued = await train(CLASSIFIER, 1, { initialWeights: again.initialWeights });
    const [fromScratch, fromEarlier] = [firstEpochLoss(scratch.events), firstEpochLoss(continued.events)];
    expect(fromEarlier).toBeLessThan(fromScratch * 0.8);
  }, 600_000);

  it('leaves a frozen layer as it was given while the rest trains', async () => {
    const frozen: ModelGraph = {
      ...CLASSIFIER.graph,
      nodes: CLASSIFIER.graph.nodes.map((node) =>
        node.id === 'dense-1' ? { ...node, config: { ...node.config, trainable: false } } : node,
      ),
    };
    const trained = await train(CLASSIFIER, 1, { graph: frozen, initialWeights: reuse.initialWeights });
    const given = autoencoder.weights.get('dense-1')!;
    const after = trained.weights.get('dense-1')!;
    expect(after.get('kernel')!.values).toEqual(given.get('kernel')!.values);
    expect(after.get('bias')!.values).toEqual(given.get('bias')!.values);
    const seeded = buildModel(frozen, { seed: 7 });
    const head = weightsFromModel(seeded).get('classifier')!;
    seeded.dispose();
    expect(trained.weights.get('classifier')!.get('kernel')!.values).not.toEqual(head.get('kernel')!.values);
    const started = trained.events.find((event) => event.type === 'started');
    expect(started).toMatchObject({ params: 1296 * 64 + 64 + 64 * 5 + 5 });
  }, 600_000);
});

describe('a frozen BatchNorm', () => {
  it('keeps its scale, offset and running statistics through training (normalizing with them, as Keras does)', async () => {
    const graph = chain(
      node('in', 'Input', { shape: [2] }),
      node('hidden', 'Dense', { units: 6, activation: 'tanh' }),
      node('norm', 'BatchNorm', { trainable: false }),
      node('out', 'Dense', { units: 2, activation: 'softmax' }),
    );
    const xor = getTemplate('xor-mlp')!;
    const trained = await train({ ...xor, dataset: { kind: 'builtin', id: 'xor', params: { size: 200 } } }, 3, {
      graph,
    });
    const norm = trained.weights.get('norm')!;
    expect([...norm.get('gamma')!.values]).toEqual(Array(6).fill(1));
    expect([...norm.get('beta')!.values]).toEqual(Array(6).fill(0));
    expect([...norm.get('moving_mean')!.values]).toEqual(Array(6).fill(0));
    expect([...norm.get('moving_variance')!.values]).toEqual(Array(6).fill(1));
    expect(trained.events.at(-1)?.type).toBe('done');
  }, 120_000);
});
