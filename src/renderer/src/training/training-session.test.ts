import { describe, expect, it } from 'vitest';
import type { TrainingEvent } from '../../../shared/ipc/training-events';
import { trainingRequest } from '../../../shared/ipc/training-protocol';
import type { SavedRun } from '../../../shared/runs/saved-run';
import { getTemplate } from '../../../shared/templates';
import type { SavedWeights } from '../../../shared/views/view-queries';
import { createFakeApi } from '../testing/fake-api';
import { modelUnavailable, savedRun, TrainingSessionStore, viewedRun } from './training-session';

const XOR = getTemplate('xor-mlp')!;
const REQUEST = trainingRequest(XOR);
const CLASSES = ['same sign', 'opposite sign'];

function weightsOf(value: number): SavedWeights {
  return { specs: [{ name: 'dense/bias', shape: [1], dtype: 'float32' }], data: btoa(String(value)) };
}

/** A store whose host answers every model query with the run it was asked of, and each run's weights by its id. */
function setup() {
  const fake = createFakeApi();
  fake.answerViews((runId, query) => {
    if (query.kind === 'modelWeights') return weightsOf(Number(runId.replace(/\D/g, '')));
    if (query.kind === 'snapshots') return { snapshots: [] };
    return { answeredBy: runId };
  });
  const store = new TrainingSessionStore(fake.api);
  return { fake, store };
}

/** Trains one run through the fake host to its end; resolves once its weights were fetched. */
async function trainRun(fake: ReturnType<typeof createFakeApi>, store: TrainingSessionStore): Promise<void> {
  await store.start(REQUEST, 'XOR');
  const events: TrainingEvent[] = [
    {
      type: 'started',
      backend: 'cpu',
      params: 42,
      trainSize: 320,
      valSize: 80,
      classNames: CLASSES,
      epochs: 1,
      batchesPerEpoch: 10,
    },
    {
      type: 'epoch',
      epoch: 1,
      loss: 0.5,
      accuracy: 0.8,
      valLoss: 0.5,
      valAccuracy: 0.8,
      confusionMatrix: [
        [38, 2],
        [3, 37],
      ],
      perClass: [],
      samplesPerSecond: 1000,
      etaSeconds: 0,
    },
    {
      type: 'done',
      metrics: { loss: 0.5, accuracy: 0.8, valLoss: 0.5, valAccuracy: 0.8 },
      confusionMatrix: [
        [38, 2],
        [3, 37],
      ],
      classNames: CLASSES,
      epochs: 1,
      seconds: 1,
    },
  ];
  for (const event of events) fake.emit(event);
  const key = viewedRun(store.getState())!.key;
  await expect.poll(() => store.getState().runs.find((r) => r.key === key)?.weights).not.toBeNull();
}

describe("asking a run's model", () => {
  it('asks the training process of the latest run, and loads an older run’s saved weights into the viewer', async () => {
    const { fake, store } = setup();
    await trainRun(fake, store);
    const first = () => store.getState().runs[0];
    expect(await store.inspect(first(), { kind: 'model' })).toEqual({ answeredBy: 'run-1' });
    expect(fake.viewerRuns).toHaveLength(0);

    await trainRun(fake, store);
    expect(first().inProcess).toBe(false);
    expect(await store.inspect(first(), { kind: 'model' })).toEqual({ answeredBy: 'viewer-1' });
    expect(fake.viewerRuns).toEqual([
      { request: REQUEST, weights: weightsOf(1), classNames: CLASSES, epochs: 1, status: 'done' },
    ]);
    // Loaded once: the next question goes straight to the viewer.
    expect(await store.inspect(first(), { kind: 'layerStats', samples: 8 })).toEqual({ answeredBy: 'viewer-1' });
    expect(fake.viewerRuns).toHaveLength(1);
    expect(await store.inspect(store.getState().runs[1], { kind: 'model' })).toEqual({ answeredBy: 'run-2' });
  });

  it('loads the run again and asks once more when the viewer had let it go', async () => {
    const { fake, store } = setup();
    await trainRun(fake, store);
    await trainRun(fake, store);
    const first = store.getState().runs[0];
    await store.inspect(first, { kind: 'model' });
    fake.answerViews((runId) => {
      if (runId === 'viewer-1') throw new Error('That run’s model is no longer loaded');
      return { answeredBy: runId };
    });
    expect(await store.inspect(first, { kind: 'model' })).toEqual({ answeredBy: 'viewer-2' });
    expect(fake.viewerRuns).toHaveLength(2);
  });

  it('says a reopened run without kept weights has no model, and closes the viewer when the runs are replaced', async () => {
    const { fake, store } = setup();
    await trainRun(fake, store);
    await trainRun(fake, store);
    const saved = store.getState().runs.map(savedRun) as SavedRun[];
    const { weights: _dropped, ...withoutWeights } = saved[0];
    store.loadRuns([withoutWeights, saved[1]]);
    expect(fake.calls).toContain('views.close');
    const [dropped, kept] = store.getState().runs;
    expect(modelUnavailable(dropped)).toMatch(
      /This run's weights were not kept: a project keeps the weights of its latest 3 runs/,
    );
    await expect(store.inspect(dropped, { kind: 'model' })).rejects.toThrow(/weights were not kept/);
    expect(modelUnavailable(kept)).toBeNull();
    expect(await store.inspect(kept, { kind: 'model' })).toEqual({ answeredBy: 'viewer-1' });
    expect(fake.viewerRuns[0].weights).toEqual(weightsOf(2));
  });
});
