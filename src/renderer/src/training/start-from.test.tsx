// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { StartRunRequest } from '../../../shared/ipc/training-protocol';
import type { SavedRun } from '../../../shared/runs/saved-run';
import type { DatasetDescriptor } from '../../../shared/training/dataset';
import { getTemplate } from '../../../shared/templates';
import { AppProviders } from '../app-context';
import { EditorStore } from '../store/editor-store';
import { createFakeApi } from '../testing/fake-api';
import { TrainingPanel } from './training-panel';
import { TrainingSessionStore } from './training-session';

afterEach(cleanup);

const XOR = getTemplate('xor-mlp')!;
const CLASSES = ['same sign', 'opposite sign'];

const XOR_DESCRIPTOR: DatasetDescriptor = {
  id: 'xor',
  name: 'XOR',
  description: 'Two classes by the sign of x·y',
  inputShape: [2],
  classNames: CLASSES,
  countsPerClass: [200, 200],
  splits: { train: 400, validation: 0, test: 0 },
  valueRange: [-1, 1],
  source: 'built-in generator',
};

function setup() {
  const fake = createFakeApi({ descriptor: XOR_DESCRIPTOR });
  const editor = new EditorStore({ graph: XOR.graph, training: XOR.training, dataset: XOR.dataset, task: XOR.task });
  const training = new TrainingSessionStore(fake.api);
  const sent: StartRunRequest[] = [];
  fake.api.training.start = async (request) => {
    sent.push(request);
    const runId = `run-${sent.length}`;
    return request.weightsFrom
      ? {
          runId,
          reuse: {
            source: 'Run 1',
            reused: ['dense-1'],
            skipped: [{ layer: 'dense-2', reason: 'kernel is [8, 2], expected [8, 3]' }],
            unused: [],
          },
        }
      : { runId };
  };
  render(
    <AppProviders api={fake.api} editor={editor} training={training}>
      <TrainingPanel theme="light" />
    </AppProviders>,
  );
  const startFrom = () => screen.getByRole('combobox', { name: 'Start from' }) as HTMLSelectElement;
  const choices = () =>
    within(startFrom())
      .getAllByRole('option')
      .map((option) => option.textContent);
  return { fake, training, sent, startFrom, choices };
}

/** Presses Train and plays a one-epoch run to its end. */
async function trainOnce(fake: ReturnType<typeof createFakeApi>, runId: string) {
  await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Train' })));
  const started = { backend: 'cpu', params: 42, trainSize: 8, valSize: 2, classNames: CLASSES, epochs: 1 };
  act(() => fake.emit({ type: 'started', ...started, batchesPerEpoch: 1 }, runId));
  act(() =>
    fake.emit(
      {
        type: 'done',
        metrics: { loss: 0.5, accuracy: 0.8, valLoss: 0.6, valAccuracy: 0.7 },
        confusionMatrix: [
          [1, 0],
          [0, 1],
        ],
        classNames: CLASSES,
        epochs: 1,
        seconds: 1,
      },
      runId,
    ),
  );
}

describe('Start from', () => {
  it('offers each finished run, sends where its weights are, and lists what the host reused', async () => {
    const { fake, sent, startFrom, choices } = setup();
    expect(choices()).toEqual(['New random weights']);
    await trainOnce(fake, 'run-1');
    expect(sent[0]).not.toHaveProperty('startFrom');
    expect(sent[0]).not.toHaveProperty('weightsFrom');
    expect(choices()).toEqual(['New random weights', 'Run 1']);

    act(() => fireEvent.change(startFrom(), { target: { value: 'Run 1' } }));
    await trainOnce(fake, 'run-2');
    // A run of this session: the host keeps its model, so only its id crosses the boundary.
    expect(sent[1].startFrom).toEqual({ kind: 'run', run: 1 });
    expect(sent[1].weightsFrom).toEqual({ from: 'host-run', runId: 'run-1' });
    const list = screen.getByRole('region', { name: 'Reused weights' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['dense-1: reused', 'dense-2: not reused (kernel is [8, 2], expected [8, 3]); initialized fresh']);
    expect(startFrom().value).toBe('Run 1');
  });

  it('starts from the saved weights of a run read back from the project file, and saves the choice with the run', async () => {
    const { fake, training, sent, startFrom, choices } = setup();
    const request = { graph: XOR.graph, training: XOR.training, dataset: XOR.dataset, task: XOR.task };
    const weights = { specs: [{ name: 'dense-1/bias', shape: [1], dtype: 'float32' as const }], data: 'AACAPw==' };
    const saved: SavedRun = {
      number: 4,
      name: 'XOR',
      startedAt: new Date(0).toISOString(),
      status: 'done',
      request,
      backend: 'cpu',
      params: 42,
      trainSize: 8,
      valSize: 2,
      classNames: CLASSES,
      history: [{ epoch: 1, loss: 0.5, accuracy: 0.8, valLoss: 0.6, valAccuracy: 0.7 }],
      confusionMatrix: [],
      perClass: [],
      seconds: 1,
      weights,
    };
    act(() => training.loadRuns([saved, { ...saved, number: 5, weights: undefined }]));
    // Run 5 kept no weights (only the latest few runs do): nothing to start from.
    expect(choices()).toEqual(['New random weights', 'Run 4']);
    act(() => fireEvent.change(startFrom(), { target: { value: 'Run 4' } }));
    await trainOnce(fake, 'run-1');
    expect(sent[0].weightsFrom).toEqual({ from: 'saved-run', weights });
    const kept = training.savedRuns().at(-1)!;
    expect(kept.request.startFrom).toEqual({ kind: 'run', run: 4 });
    expect(kept.request).not.toHaveProperty('weightsFrom');
    expect(kept.reuse?.reused).toEqual(['dense-1']);
  });

  it('offers the imported weights while the project has them, and shows why a start from other weights failed', async () => {
    const { fake, training, startFrom, choices } = setup();
    const imported = { format: 'layerlab-weights' as const, version: 1 as const, layers: {} };
    act(() => training.setImportedWeights(imported));
    expect(choices()).toEqual(['New random weights', 'Imported model weights']);
    act(() => fireEvent.change(startFrom(), { target: { value: 'Imported model weights' } }));
    fake.api.training.start = async () => {
      throw new Error('Imported model weights: no layer of this model matches a layer there by name and shape');
    };
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Train' })));
    expect(screen.getByRole('alert').textContent).toMatch(/no layer of this model matches/);
    act(() => training.setImportedWeights(null));
    expect(choices()).toEqual(['New random weights']);
    expect(startFrom().value).toBe('New random weights');
  });
});
