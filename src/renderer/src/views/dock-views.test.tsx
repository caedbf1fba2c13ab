// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { TrainingEvent } from '../../../shared/ipc/training-events';
import { getTemplate } from '../../../shared/templates';
import { packBytes, packFloats, packScaled, unpack } from '../../../shared/views/packed-array';
import type { SavedRun } from '../../../shared/runs/saved-run';
import type { ViewQuery } from '../../../shared/views/view-queries';
import { AppProviders } from '../app-context';
import { EditorStore } from '../store/editor-store';
import { createFakeApi } from '../testing/fake-api';
import { TrainingPanel } from '../training/training-panel';
import { TrainingSessionStore } from '../training/training-session';

afterEach(cleanup);

// jsdom has no PointerEvent: without one, fireEvent.pointerDown would drop the coordinates.
if (!('PointerEvent' in window)) {
  class PointerEventPolyfill extends MouseEvent {
    readonly pointerId: number;
    constructor(type: string, init: PointerEventInit = {}) {
      super(type, init);
      this.pointerId = init.pointerId ?? 0;
    }
  }
  Object.assign(window, { PointerEvent: PointerEventPolyfill });
}

const CLASSES = ['serif', 'mono', 'condensed', 'script', 'black'];
/** 3 on the diagonal, 1 elsewhere: the first row's cells count 3, 1, 1, 1, 1. */
const MATRIX = CLASSES.map((_, i) => CLASSES.map((_, j) => (i === j ? 3 : 1)));

function setup(templateId = 'cnn') {
  const fake = createFakeApi();
  const t = getTemplate(templateId)!;
  const editor = new EditorStore({ graph: t.graph, training: t.training, dataset: t.dataset, task: t.task });
  const training = new TrainingSessionStore(fake.api);
  render(
    <AppProviders api={fake.api} editor={editor} training={training}>
      <TrainingPanel theme="light" />
    </AppProviders>,
  );
  return { fake, editor, training };
}

/** The dock's list of the views inside the network. */
function viewList(): HTMLElement {
  return screen.getByRole('navigation', { name: 'Inside the network' });
}

/** Opens a view from the list; returns its dock section. */
function openView(label: string): HTMLElement {
  fireEvent.click(within(viewList()).getByRole('button', { name: label }));
  return screen.getByRole('region', { name: label });
}

async function trainOneEpoch(fake: ReturnType<typeof createFakeApi>, end?: TrainingEvent) {
  const train = screen.getByRole('button', { name: 'Train' }) as HTMLButtonElement;
  await waitFor(() => expect(train.disabled).toBe(false));
  await act(async () => fireEvent.click(train));
  act(() =>
    fake.emit({
      type: 'started',
      backend: 'cpu',
      params: 41773,
      trainSize: 2511,
      valSize: 279,
      classNames: CLASSES,
      epochs: 1,
      batchesPerEpoch: 79,
    }),
  );
  act(() =>
    fake.emit({
      type: 'epoch',
      epoch: 1,
      loss: 1,
      accuracy: 0.6,
      valLoss: 1,
      valAccuracy: 0.6,
      confusionMatrix: MATRIX,
      perClass: [],
      samplesPerSecond: 100,
      etaSeconds: 0,
      gradientNorms: [
        { layer: 'conv2d-1', norm: 0.001 },
        { layer: 'dense-1', norm: 0.1 },
      ],
    }),
  );
  if (end) await act(async () => fake.emit(end));
}

/** The samples of a cell as the engine would send them: `count` pictures, each with its probabilities. */
function cellAnswer(query: Extract<ViewQuery, { kind: 'cellSamples' }>, count: number) {
  const probabilities = CLASSES.map((_, c) => (c === query.predictedClass ? 0.6 : 0.1));
  return {
    epoch: query.epoch,
    trueClass: query.trueClass,
    predictedClass: query.predictedClass,
    total: count,
    offset: 0,
    samples: Array.from({ length: count }, (_, i) => ({
      index: 10 + i,
      input: packScaled(new Float32Array(36 * 36).fill(i / 10), [36, 36, 1], [0, 1]),
      probabilities,
    })),
  };
}

describe('the views of a run', () => {
  it('opens "Samples: …" with one list item per sample of a clicked confusion-matrix cell', async () => {
    const { fake } = setup();
    fake.answerViews((_, query) => {
      if (query.kind === 'cellSamples') return cellAnswer(query, MATRIX[query.trueClass][query.predictedClass]);
      throw new Error('not in this test');
    });
    await trainOneEpoch(fake);
    const table = screen.getByRole('table', { name: 'Confusion matrix' });
    const cells = within(table).getAllByRole('cell');
    expect(cells.map((c) => c.textContent)).toEqual(MATRIX.flat().map(String));
    for (const [index, count] of [
      [0, 3],
      [1, 1],
    ]) {
      fireEvent.click(within(cells[index]).getByRole('button'));
      const dialog = await screen.findByRole('dialog', { name: /^Samples/ });
      await waitFor(() => expect(within(dialog).getAllByRole('listitem')).toHaveLength(count));
      expect(dialog.getAttribute('aria-labelledby')).toBeTruthy();
      fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    }
    const asked = fake.viewQueries.filter((q) => q.query.kind === 'cellSamples').map((q) => q.query);
    expect(asked).toEqual([
      { kind: 'cellSamples', epoch: 1, trueClass: 0, predictedClass: 0, offset: 0 },
      { kind: 'cellSamples', epoch: 1, trueClass: 0, predictedClass: 1, offset: 0 },
    ]);
  });

  it('predicts on a drawing: the pad sends the model-sized ink and shows probabilities summing to 1', async () => {
    const { fake } = setup();
    const probabilities = [0.1, 0.2, 0.3, 0.15, 0.25];
    fake.answerViews((_, query) => {
      if (query.kind === 'model')
        return { valueRange: [0, 1], layers: [], inputShape: [36, 36, 1], classNames: CLASSES } as never;
      if (query.kind === 'predict' && 'input' in query.sample)
        return {
          sample: { input: query.sample.input },
          output: packFloats(probabilities, [5]),
          probabilities,
          predicted: 2,
        };
      throw new Error(`${query.kind} is not in this test`);
    });
    await trainOneEpoch(fake);
    const panel = openView('Try it');
    const pad = within(panel).getByRole('img', { name: /Drawing pad, 36×36/ });
    fireEvent.pointerDown(pad, { clientX: 0.5, clientY: 0.4, pointerId: 1, buttons: 1 });
    fireEvent.pointerUp(pad, { pointerId: 1 });
    const list = await within(panel).findByRole('list', { name: 'Class probabilities' });
    const shown = within(list)
      .getAllByRole('listitem')
      .map((li) => Number(li.getAttribute('data-probability')));
    expect(shown).toEqual(probabilities);
    expect(shown.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(within(panel).getByText('condensed', { selector: 'strong' })).toBeTruthy();
    const predict = fake.viewQueries.find((q) => q.query.kind === 'predict')!.query;
    if (predict.kind !== 'predict' || !('input' in predict.sample)) throw new Error('no drawing sent');
    expect(predict.sample.input.shape).toEqual([36, 36, 1]);
    const ink = unpack(predict.sample.input);
    expect(Math.max(...ink)).toBe(1);
    expect(ink.filter((v) => v > 0).length).toBeGreaterThan(4);
  });

  it('refuses a picture over the upload limit before sending it, saying why', async () => {
    const { fake } = setup();
    fake.answerViews((_, query) => {
      if (query.kind === 'model') return { valueRange: [0, 1] } as never;
      throw new Error('must not be asked');
    });
    await trainOneEpoch(fake);
    const panel = openView('Try it');
    const input = panel.querySelector('input[type=file]') as HTMLInputElement;
    const big = new File([new Uint8Array(21 * 1024 * 1024)], 'scan.png', { type: 'image/png' });
    fireEvent.change(input, { target: { files: [big] } });
    expect((await within(panel).findByRole('alert')).textContent).toBe(
      'scan.png: the file is 21.0 MB; pictures up to 20 MB can be tried.',
    );
    expect(fake.viewQueries.some((q) => q.query.kind === 'predict')).toBe(false);
  });

  it('offers the views the model has: no filters without a Conv2D, a boundary only for 2-D data', async () => {
    setup('cnn');
    const offered = () =>
      within(viewList())
        .getAllByRole('button')
        .map((b) => b.textContent);
    expect(offered()).toEqual([
      'Try it',
      'Weights',
      'Feature maps',
      'Activations',
      'Gradients',
      'Replay',
      'Compare runs',
    ]);
    // Closed until opened: the dock shows the run's own sections first.
    expect(screen.queryByRole('region', { name: 'Weights' })).toBeNull();
    cleanup();
    setup('logistic-regression');
    expect(offered()).toEqual(['Try it', 'Weights', 'Activations', 'Gradients', 'Replay', 'Compare runs']);
    cleanup();
    setup('xor-mlp');
    expect(offered()).toEqual(['Boundary', 'Try it', 'Activations', 'Gradients', 'Replay', 'Compare runs']);
    // A 2-D set starts with its decision boundary open, like TensorFlow Playground.
    expect(within(viewList()).getByRole('button', { name: 'Boundary' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('img', { name: 'Decision boundary' })).toBeTruthy();
    fireEvent.click(within(viewList()).getByRole('button', { name: 'Boundary' }));
    expect(screen.queryByRole('img', { name: 'Decision boundary' })).toBeNull();
  });

  it('charts the gradient norms per layer and says when they vanish', async () => {
    const { fake } = setup();
    fake.answerViews(() => {
      throw new Error('not in this test');
    });
    await trainOneEpoch(fake);
    openView('Gradients');
    expect(screen.getByRole('img', { name: 'Gradient norm chart' })).toBeTruthy();
    expect(screen.getByText(/100× smaller than the last layer's/)).toBeTruthy();
  });

  it('compares the runs ticked in the Runs list: opens the comparison with what differs', async () => {
    const { fake, editor } = setup();
    fake.answerViews(() => {
      throw new Error('not in this test');
    });
    const done: TrainingEvent = {
      type: 'done',
      metrics: { loss: 1, accuracy: 0.6, valLoss: 1, valAccuracy: 0.6 },
      confusionMatrix: MATRIX,
      classNames: CLASSES,
      epochs: 1,
      seconds: 1,
    };
    await trainOneEpoch(fake, done);
    act(() => editor.setTraining({ learningRate: 0.05 }));
    await trainOneEpoch(fake, done);
    expect(screen.queryByRole('region', { name: 'Compare runs' })).toBeNull();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Compare Run 1' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Compare Run 2' }));
    const compare = await screen.findByRole('region', { name: 'Compare runs' });
    expect(within(compare).getByRole('img', { name: 'Run comparison chart' })).toBeTruthy();
    const differences = within(compare).getByRole('table', { name: 'What differs between the runs' });
    expect(within(differences).getByRole('row', { name: /Learning rate/ }).textContent).toContain('0.05');
    // Unticking one leaves a single run: nothing to overlay.
    fireEvent.click(screen.getByRole('checkbox', { name: 'Compare Run 1' }));
    expect(within(compare).getByText('Tick at least two runs in the Runs list.')).toBeTruthy();
  });

  it('asks a reopened run through the viewer, and shows its saved boundary with the reason when it cannot answer', async () => {
    const { fake, training } = setup('xor-mlp');
    const xor = getTemplate('xor-mlp')!;
    const reason = 'The data file “points.csv” is not loaded in this session: import it again with Import data….';
    fake.answerViews((runId) => {
      if (runId.startsWith('viewer-')) throw new Error(reason);
      throw new Error('not in this test');
    });
    const grid = {
      extent: { xMin: -1, xMax: 1, yMin: -1, yMax: 1 },
      classes: packBytes(new Uint8Array(64).fill(1), [8, 8]),
      confidence: packScaled(new Float32Array(64).fill(0.9), [8, 8], [0, 1]),
    };
    const saved: SavedRun = {
      number: 1,
      name: 'XOR',
      startedAt: new Date(0).toISOString(),
      status: 'done',
      request: { graph: xor.graph, training: xor.training, dataset: xor.dataset, task: xor.task },
      backend: 'cpu',
      params: 42,
      trainSize: 320,
      valSize: 80,
      classNames: ['same sign', 'opposite sign'],
      history: [{ epoch: 1, loss: 0.5, accuracy: 0.8, valLoss: 0.5, valAccuracy: 0.8 }],
      confusionMatrix: [
        [38, 2],
        [3, 37],
      ],
      perClass: [],
      seconds: 1,
      snapshots: [
        { epoch: 1, loss: 0.5, accuracy: 0.8, valLoss: 0.5, valAccuracy: 0.8, confusionMatrix: [], boundary: grid },
      ],
      weights: { specs: [], data: '' },
    };
    act(() => training.loadRuns([saved]));
    const section = screen.getByRole('region', { name: 'Boundary' });
    expect(await within(section).findByText(reason)).toBeTruthy();
    expect(within(section).getByText('As saved after epoch 1.')).toBeTruthy();
    expect(fake.viewerRuns[0]).toMatchObject({ weights: saved.weights, epochs: 1, status: 'done' });
  });
});
