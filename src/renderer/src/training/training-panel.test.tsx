// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getTemplate } from '../../../shared/templates';
import { parseProjectFile } from '../../../shared/graph/project-file';
import { zStartTrainingRequest } from '../../../shared/ipc/training-protocol';
import type { DatasetDescriptor } from '../../../shared/training/dataset';
import { AppProviders } from '../app-context';
import { ProjectController, projectText } from '../project/project-controller';
import { EditorStore } from '../store/editor-store';
import { createFakeApi, FONTS_DESCRIPTOR } from '../testing/fake-api';
import { Dialogs } from '../ui/dialogs';
import { TrainingPanel } from './training-panel';
import { TrainingSessionStore } from './training-session';

afterEach(cleanup);

function setup(templateId: string | null = 'cnn', descriptor?: DatasetDescriptor) {
  const fake = createFakeApi({ descriptor });
  const t = templateId ? getTemplate(templateId)! : null;
  const editor = new EditorStore(t ? { graph: t.graph, training: t.training, dataset: t.dataset } : {});
  const training = new TrainingSessionStore(fake.api);
  render(
    <AppProviders api={fake.api} editor={editor} training={training}>
      <TrainingPanel theme="light" />
      <Dialogs />
    </AppProviders>,
  );
  const button = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;
  return { fake, editor, training, button };
}

const XOR_DESCRIPTOR: DatasetDescriptor = {
  id: 'xor',
  name: 'XOR',
  description: 'Two classes by the sign of x·y',
  inputShape: [2],
  classNames: ['same sign', 'opposite sign'],
  countsPerClass: [200, 200],
  splits: { train: 400, validation: 0, test: 0 },
  valueRange: [-1, 1],
  source: 'built-in generator',
};

const CLASSES = ['serif', 'mono', 'condensed', 'script', 'black'];
const matrix = (d: number) => CLASSES.map((_, i) => CLASSES.map((_, j) => (i === j ? d : 1)));

describe('TrainingPanel', () => {
  it('walks Train → running → Pause → Resume → Stop, enabling exactly the buttons that make sense', async () => {
    const { fake, button } = setup();
    await waitFor(() => expect(button('Train').disabled).toBe(false));
    expect([button('Pause').disabled, button('Resume').disabled, button('Stop').disabled]).toEqual([true, true, true]);

    await act(async () => fireEvent.click(button('Train')));
    expect(fake.calls).toContain('training.start');
    expect(button('Train').disabled).toBe(true);

    act(() =>
      fake.emit({
        type: 'started',
        backend: 'cpu',
        params: 41773,
        trainSize: 2511,
        valSize: 279,
        classNames: CLASSES,
        epochs: 10,
        batchesPerEpoch: 79,
      }),
    );
    expect(button('Pause').disabled).toBe(false);
    expect(button('Resume').disabled).toBe(true);
    expect(screen.getByText(/backend: cpu/)).toBeTruthy();

    act(() => fake.emit({ type: 'batch', epoch: 1, batch: 40, loss: 1.2 }));
    expect(screen.getByText(/Epoch 1\/10 · batch 40\/79/)).toBeTruthy();

    act(() =>
      fake.emit({
        type: 'epoch',
        epoch: 1,
        loss: 1.1,
        accuracy: 0.6,
        valLoss: 1.2,
        valAccuracy: 0.55,
        confusionMatrix: matrix(40),
        perClass: CLASSES.map(() => ({ precision: 0.9, recall: 0.9, f1: 0.9 })),
        samplesPerSecond: 480.4,
        etaSeconds: 65,
      }),
    );
    const table = screen.getByRole('table', { name: 'Confusion matrix' });
    const firstRow = within(table)
      .getAllByRole('row')
      .find((r) => within(r).queryAllByRole('cell').length > 0)!;
    expect(
      within(firstRow)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['40', '1', '1', '1', '1']);
    expect(screen.getByText(/480 samples\/s/)).toBeTruthy();
    expect(screen.getByText(/ETA 1:05/)).toBeTruthy();

    await act(async () => fireEvent.click(button('Pause')));
    expect(fake.calls).toContain('training.pause');
    expect(button('Pause').disabled).toBe(true);
    expect(button('Resume').disabled).toBe(false);

    await act(async () => fireEvent.click(button('Resume')));
    expect(button('Pause').disabled).toBe(false);

    await act(async () => fireEvent.click(button('Stop')));
    expect(fake.calls).toContain('training.stop');
    act(() => fake.emit({ type: 'cancelled', epochs: 1, metrics: null }));
    expect(button('Train').disabled).toBe(false);
    expect(button('Stop').disabled).toBe(true);
    expect(screen.getByRole('img', { name: 'Loss chart' })).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Accuracy chart' })).toBeTruthy();
  });

  it('keeps every run of the session; picking an old one shows its matrix again', async () => {
    const { fake, button } = setup();
    await waitFor(() => expect(button('Train').disabled).toBe(false));
    for (const diag of [10, 50]) {
      await act(async () => fireEvent.click(button('Train')));
      act(() =>
        fake.emit({
          type: 'started',
          backend: 'cpu',
          params: 1,
          trainSize: 1,
          valSize: 1,
          classNames: CLASSES,
          epochs: 1,
          batchesPerEpoch: 1,
        }),
      );
      act(() =>
        fake.emit({
          type: 'epoch',
          epoch: 1,
          loss: 1,
          accuracy: 0.5,
          valLoss: 1,
          valAccuracy: 0.5,
          confusionMatrix: matrix(diag),
          perClass: [],
          samplesPerSecond: 1,
          etaSeconds: 0,
        }),
      );
      act(() =>
        fake.emit({
          type: 'done',
          metrics: { loss: 1, accuracy: 0.5, valLoss: 1, valAccuracy: 0.5 },
          confusionMatrix: matrix(diag),
          classNames: CLASSES,
          epochs: 1,
          seconds: 2,
        }),
      );
    }
    const firstCell = () =>
      within(screen.getByRole('table', { name: 'Confusion matrix' })).getAllByRole('cell')[0].textContent;
    expect(firstCell()).toBe('50');
    fireEvent.click(screen.getByRole('button', { name: /Run 1/ }));
    expect(firstCell()).toBe('10');
  });

  it('disables Train with the reason while the graph has errors, and offers the input-shape fix', async () => {
    const { editor, button } = setup('cnn');
    const input = editor.graph.nodes.find((n) => n.kind === 'Input')!;
    act(() => editor.updateConfig(input.id, 'shape', [28, 28, 1]));
    await waitFor(() => expect(screen.getByText(/Can't train yet/)).toBeTruthy());
    expect(button('Train').disabled).toBe(true);
    const fix = await screen.findByRole('button', { name: /input shape/i });
    act(() => fireEvent.click(fix));
    expect(editor.graph.nodes.find((n) => n.id === input.id)!.config.shape).toEqual([36, 36, 1]);
    await waitFor(() => expect(button('Train').disabled).toBe(false));
  });

  it('trains a version-1 XOR project saved with mean squared error as the classifier it shows', async () => {
    const { fake, editor, button } = setup(null, XOR_DESCRIPTOR);
    const file = join(__dirname, '../../../shared/graph/testing/v1-projects/xor-mse.layerlab.json');
    fake.files.set('xor.layerlab.json', readFileSync(file, 'utf8'));
    const controller = new ProjectController(fake.api, editor, async () => true, new TrainingSessionStore(fake.api));
    await act(async () => void (await controller.openRecent('xor.layerlab.json')));
    const task = screen.getByLabelText('What the network learns') as HTMLSelectElement;
    expect(task.value).toBe('classification');
    expect(task.selectedOptions[0].textContent).toBe('Classify into classes');
    await waitFor(() => expect(button('Train').disabled).toBe(false));

    await act(async () => fireEvent.click(button('Train')));
    expect(fake.requests).toHaveLength(1);
    expect(zStartTrainingRequest.parse(fake.requests[0])).toMatchObject({
      task: 'classification',
      training: { loss: 'meanSquaredError' },
    });
  });

  it('sends, saves and undoes the task chosen in the training settings', async () => {
    const { fake, editor, button } = setup('xor-mlp', XOR_DESCRIPTOR);
    fireEvent.change(screen.getByLabelText('What the network learns'), { target: { value: 'autoencoder' } });
    expect(editor.getState().doc.task).toBe('autoencoder');
    const saved = parseProjectFile(projectText(editor.getState().doc));
    expect(saved.ok && saved.project.task).toBe('autoencoder');
    await waitFor(() => expect(button('Train').disabled).toBe(false));
    await act(async () => fireEvent.click(button('Train')));
    expect(fake.requests[0].task).toBe('autoencoder');
    act(() => editor.undo());
    expect((screen.getByLabelText('What the network learns') as HTMLSelectElement).value).toBe('classification');
  });

  it('reports a failed start instead of hanging in "Starting…"', async () => {
    const { fake, button } = setup();
    fake.api.training.start = async () => {
      throw new Error('The training process could not be started.');
    };
    await waitFor(() => expect(button('Train').disabled).toBe(false));
    await act(async () => fireEvent.click(button('Train')));
    expect(screen.getByRole('alert').textContent).toMatch(/could not be started/);
    expect(button('Train').disabled).toBe(false);
  });

  it('blocks Train while a typed setting is invalid, saying why next to Train, and never trains the old value', async () => {
    const { button, fake } = setup();
    await waitFor(() => expect(button('Train').disabled).toBe(false));
    const field = (name: string) => screen.getByRole('textbox', { name }) as HTMLInputElement;
    fireEvent.change(field('Learning rate'), { target: { value: '100' } });
    expect(button('Train').disabled).toBe(true);
    expect(screen.getByText(/Can't train yet/).parentElement!.textContent).toMatch(/Learning rate must be at most 10/);
    fireEvent.change(field('Learning rate'), { target: { value: '0.01' } });
    fireEvent.change(field('Epochs'), { target: { value: '0' } });
    expect(button('Train').disabled).toBe(true);
    expect(
      screen.getByText(/Epochs must be at least 1/, { selector: '.blocked-reason, .blocked-reason *' }),
    ).toBeTruthy();
    await act(async () => fireEvent.click(button('Train')));
    expect(fake.requests).toHaveLength(0);
    fireEvent.change(field('Epochs'), { target: { value: '3' } });
    await waitFor(() => expect(button('Train').disabled).toBe(false));
    await act(async () => fireEvent.click(button('Train')));
    expect(fake.requests[0].training).toMatchObject({ learningRate: 0.01, epochs: 3 });
  });

  it('warns before training that a learning rate is far above the optimizer’s usual one', async () => {
    const { button } = setup();
    await waitFor(() => expect(button('Train').disabled).toBe(false));
    fireEvent.change(screen.getByRole('textbox', { name: 'Learning rate' }), { target: { value: '10' } });
    expect(screen.getByText(/The learning rate is very high/)).toBeTruthy();
    expect(screen.getByText(/10,000 times what Adam usually starts with \(0.001\)/)).toBeTruthy();
    expect(button('Train').disabled).toBe(false);
  });

  it('shows what went wrong in plain words with the fix, and a failed run never ends with a green "Done"', async () => {
    const { fake, button } = setup();
    await waitFor(() => expect(button('Train').disabled).toBe(false));
    await act(async () => fireEvent.click(button('Train')));
    act(() =>
      fake.emit({
        type: 'started',
        backend: 'cpu',
        params: 1,
        trainSize: 10,
        valSize: 5,
        classNames: CLASSES,
        epochs: 2,
        batchesPerEpoch: 1,
      }),
    );
    const learnedNothing = {
      code: 'learned-nothing' as const,
      severity: 'error' as const,
      epoch: 2,
      title: 'The network learned nothing',
      message: 'Validation accuracy 21 % (chance: 20 %), loss flat for 2 epochs.',
      advice: 'Lower the learning rate (Adam usually works with 0.001).',
    };
    const stuck = {
      code: 'stuck-on-one-class' as const,
      severity: 'warning' as const,
      epoch: 1,
      title: 'Stuck on one class',
      message: 'Almost every validation sample is predicted as “serif”.',
      advice: 'Check the learning rate and the output layer.',
    };
    act(() =>
      fake.emit({
        type: 'epoch',
        epoch: 1,
        loss: 1.6,
        accuracy: 0.2,
        valLoss: 1.6,
        valAccuracy: 0.2,
        confusionMatrix: matrix(1),
        perClass: [],
        samplesPerSecond: 1,
        etaSeconds: 1,
        diagnoses: [stuck],
      }),
    );
    // During the run: already said.
    expect(screen.getByText('Stuck on one class')).toBeTruthy();
    act(() =>
      fake.emit({
        type: 'done',
        metrics: { loss: 1.6, accuracy: 0.21, valLoss: 1.6, valAccuracy: 0.21 },
        confusionMatrix: matrix(1),
        classNames: CLASSES,
        epochs: 2,
        seconds: 3,
        diagnoses: [learnedNothing, stuck],
      }),
    );
    const region = screen.getByRole('region', { name: 'What happened in Run 1' });
    expect(region.textContent).toMatch(
      /The network learned nothing.*Validation accuracy 21 %.*Lower the learning rate/,
    );
    const phase = document.querySelector('.progress .phase')!;
    expect(phase.textContent).not.toBe('Done');
    expect(phase.textContent).toMatch(/learned nothing/);
    expect(phase.className).toContain('tone-error');
    expect(document.querySelector('.tone-ok')).toBeNull();
  });

  it('exports the run shown, named by run and project, says why when there is none, and warns after edits', async () => {
    const { fake, editor, button } = setup();
    await waitFor(() => expect(button('Train').disabled).toBe(false));
    const exportButton = () => screen.getByRole('button', { name: 'Export model…' }) as HTMLButtonElement;
    expect(exportButton().disabled).toBe(true);
    expect(screen.getByText(/No run yet: train the network/)).toBeTruthy();
    for (let run = 1; run <= 2; run++) {
      await act(async () => fireEvent.click(button('Train')));
      act(() =>
        fake.emit({
          type: 'started',
          backend: 'cpu',
          params: 1,
          trainSize: 1,
          valSize: 1,
          classNames: CLASSES,
          epochs: 1,
          batchesPerEpoch: 1,
        }),
      );
      if (run === 1)
        act(() =>
          fake.emit({
            type: 'done',
            metrics: { loss: 1, accuracy: 0.5, valLoss: 1, valAccuracy: 0.5 },
            confusionMatrix: matrix(1),
            classNames: CLASSES,
            epochs: 1,
            seconds: 1,
          }),
        );
    }
    // Run 2 is still going: nothing to export from it.
    expect(exportButton().disabled).toBe(true);
    expect(screen.getByText(/Run 2 is still training/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /Run 1/ }));
    expect(exportButton().disabled).toBe(false);
    await act(async () => fireEvent.click(exportButton()));
    // The dialog offers the formats of the registry, TensorFlow.js with the trained weights and no data by default.
    const dialog = screen.getByRole('dialog', { name: 'Export model' });
    const formats = within(dialog).getAllByRole('radio') as HTMLInputElement[];
    expect(formats.map((radio) => radio.value)).toEqual(['tfjs', 'pytorch', 'keras', 'onnx']);
    expect(formats.find((radio) => radio.checked)?.value).toBe('tfjs');
    expect((within(dialog).getByLabelText('Include the trained weights') as HTMLInputElement).checked).toBe(true);
    await act(async () => fireEvent.click(within(dialog).getByRole('button', { name: 'Export' })));
    expect(fake.exports).toEqual([
      { runId: 'run-1', name: 'Untitled-run-1', format: 'tfjs', includeData: false, includeWeights: true },
    ]);
    expect(screen.queryByRole('dialog')).toBeNull();

    // PyTorch with the data, named apart; a failure stays in the dialog with its reason.
    const failing = fake.api.training.exportModel;
    fake.api.training.exportModel = async () => {
      throw new Error('The model’s input takes [2], but Fonts has samples of shape [36,36,1]');
    };
    await act(async () => fireEvent.click(exportButton()));
    fireEvent.click(screen.getByRole('radio', { name: 'PyTorch' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Include the data' }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Export' })));
    expect(screen.getByRole('alert').textContent).toMatch(/Export failed: .*samples of shape/);
    fake.api.training.exportModel = failing;
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Export' })));
    expect(fake.exports[1]).toEqual({
      runId: 'run-1',
      name: 'Untitled-run-1-pytorch',
      format: 'pytorch',
      includeData: true,
      includeWeights: true,
    });

    const dense = editor.graph.nodes.find((n) => n.kind === 'Dense')!;
    act(() => editor.updateConfig(dense.id, 'units', 64));
    expect(screen.getByText(/The graph has changed since Run 1/)).toBeTruthy();
  });

  it('a new project starts with an empty training view', async () => {
    const { fake, editor, training, button } = setup();
    await waitFor(() => expect(button('Train').disabled).toBe(false));
    await act(async () => fireEvent.click(button('Train')));
    act(() => fake.emit({ type: 'cancelled', epochs: 0, metrics: null }));
    expect(screen.getByRole('button', { name: /Run 1/ })).toBeTruthy();
    // A new project brings its own runs (none): the controller that loads projects loads their runs too.
    const projects = new ProjectController(fake.api, editor, async () => true, training);
    await act(() => projects.newProject(null));
    expect(screen.queryByRole('button', { name: /Run 1/ })).toBeNull();
    expect(screen.getByText('No runs yet: press Train.')).toBeTruthy();
  });

  it('shows each series’ latest value in the chart legends without hovering', async () => {
    const { fake, button } = setup();
    await waitFor(() => expect(button('Train').disabled).toBe(false));
    await act(async () => fireEvent.click(button('Train')));
    act(() =>
      fake.emit({
        type: 'epoch',
        epoch: 1,
        loss: 0.75,
        accuracy: 0.6,
        valLoss: 0.8125,
        valAccuracy: 0.5,
        confusionMatrix: [],
        perClass: [],
        samplesPerSecond: 1,
        etaSeconds: 1,
      }),
    );
    const legend = (chart: string) =>
      screen.getByRole('img', { name: chart }).closest('figure')!.querySelector('.chart-legend')!.textContent;
    expect(legend('Loss chart')).toBe('train 0.7500validation 0.8125');
    expect(legend('Accuracy chart')).toBe('train 0.600validation 0.500');
    expect(legend('Loss chart')).not.toMatch(/--/);
  });

  it('blocks Train while the project’s data file is not loaded, and offers to import it again by its name', async () => {
    const fake = createFakeApi();
    const missing = { kind: 'file' as const, path: '/tmp/layerlab-uploads-x/3/fonts.npz', name: 'fonts.npz' };
    fake.api.datasets.preview = async () => {
      throw new Error('The data file “fonts.npz” is not loaded in this session: import it again with Import data….');
    };
    const t = getTemplate('cnn')!;
    const editor = new EditorStore({ graph: t.graph, training: t.training, dataset: missing });
    render(
      <AppProviders api={fake.api} editor={editor} training={new TrainingSessionStore(fake.api)}>
        <TrainingPanel theme="light" />
      </AppProviders>,
    );
    await screen.findByRole('button', { name: 'Import fonts.npz again…' });
    const train = screen.getByRole('button', { name: 'Train' }) as HTMLButtonElement;
    expect(train.disabled).toBe(true);
    expect(screen.getByText(/Can't train yet/).parentElement!.textContent).toMatch(/“fonts.npz” is not loaded/);
    expect(document.body.textContent).not.toMatch(/layerlab-uploads/);

    fake.api.datasets.preview = async () => ({ descriptor: FONTS_DESCRIPTOR, samples: [] });
    fake.api.datasets.importFile = async () => ({ kind: 'file', path: '/tmp/new/1/fonts.npz', name: 'fonts.npz' });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Import fonts.npz again…' })));
    expect(editor.getState().doc.dataset).toMatchObject({ path: '/tmp/new/1/fonts.npz', name: 'fonts.npz' });
    await waitFor(() => expect(train.disabled).toBe(false));
  });
});
