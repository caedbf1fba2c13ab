import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getTemplate } from '../../../shared/templates';
import { parseProjectFile, zProjectFile } from '../../../shared/graph/project-file';
import { describeUnknownField, findUnknownFields } from '../../../shared/graph/unknown-fields';
import { projectWithUnknownFields, unknownFieldNames } from '../../../shared/graph/testing/unknown-fields-project';
import { trainingRequest } from '../../../shared/ipc/training-protocol';
import { EditorStore } from '../store/editor-store';
import { createFakeApi } from '../testing/fake-api';
import { startFromChoices, TrainingSessionStore } from '../training/training-session';
import { AUTOSAVE_DELAY_MS, ProjectController, projectText } from './project-controller';

function setup(answer = true) {
  const fake = createFakeApi();
  const editor = new EditorStore();
  const questions: string[] = [];
  const training = new TrainingSessionStore(fake.api);
  const problems: { title: string; message: string }[] = [];
  const controller = new ProjectController(
    fake.api,
    editor,
    async (q) => {
      questions.push(q.message);
      return answer;
    },
    training,
    (problem) => problems.push(problem),
  );
  return { fake, editor, training, controller, questions, problems };
}

describe('ProjectController', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('opens an imported model as a new, unsaved project, saying what was read', async () => {
    const { fake, editor, controller } = setup();
    const xor = getTemplate('xor-mlp')!;
    fake.importedModel = {
      name: 'model.json',
      text: projectText({ graph: xor.graph, training: xor.training, dataset: xor.dataset, task: xor.task }),
      layers: 3,
      params: 42,
      notes: ['training settings, task and dataset from project.layerlab.json beside the model'],
    };
    expect(await controller.importModel()).toBe(true);
    expect(editor.graph).toEqual(xor.graph);
    expect(editor.getState().project).toMatchObject({ handle: null, name: 'model' });
    expect(editor.dirty).toBe(true);
    expect(editor.getState().status?.text).toMatch(/Opened model\.json as a new project: 3 layers, 42 parameters/);
  });

  it("keeps an imported model's weights with the project: offered as Start from, saved, opened and dropped on New", async () => {
    const { fake, training, controller } = setup();
    const xor = getTemplate('xor-mlp')!;
    const weights = {
      format: 'layerlab-weights' as const,
      version: 1 as const,
      source: 'imported from model.json',
      layers: { 'dense-1': { bias: { shape: [1], data: 'AACAPw==' } } },
    };
    const doc = { graph: xor.graph, training: xor.training, dataset: xor.dataset, task: xor.task };
    fake.importedModel = { name: 'model.json', text: projectText(doc, [], weights), layers: 3, params: 42, notes: [] };
    expect(await controller.importModel()).toBe(true);
    expect(training.getState().importedWeights).toEqual(weights);
    expect(startFromChoices(training.getState()).map((choice) => choice.label)).toEqual([
      'New random weights',
      'Imported model weights',
    ]);

    expect(await controller.save()).toBe(true);
    const saved = fake.files.get('model.layerlab.json')!;
    const parsed = parseProjectFile(saved);
    expect(parsed.ok && parsed.project.weights).toEqual(weights);

    await controller.newProject('xor-mlp');
    expect(training.getState().importedWeights).toBeNull();
    expect(await controller.openRecent('model.layerlab.json')).toBe(true);
    expect(training.getState().importedWeights).toEqual(weights);
  });

  it('keeps the current project when a model cannot be imported, and shows every unsupported layer', async () => {
    const { fake, editor, controller, problems } = setup();
    await controller.newProject('cnn');
    const before = editor.graph;
    const message =
      'model.json cannot be imported:\n  - layer "lstm_1": LSTM is not supported\n  - layer "gru": GRU is not supported';
    fake.importedModel = new Error(message);
    expect(await controller.importModel()).toBe(false);
    expect(editor.graph).toBe(before);
    expect(problems).toEqual([{ title: 'Could not open the model', message }]);
    expect(editor.getState().status?.tone).toBe('error');
  });

  it('asks before an imported model replaces unsaved changes', async () => {
    const { fake, editor, controller, questions } = setup(false);
    await controller.newProject('cnn');
    editor.updateConfig('dense-1', 'units', 64);
    fake.importedModel = new Error('never asked');
    expect(await controller.importModel()).toBe(false);
    expect(questions[0]).toMatch(/Open a model anyway/);
    expect(fake.calls).not.toContain('projects.importModel');
  });

  it('starts a project from a template, saves it, and is clean afterwards', async () => {
    const { fake, editor, controller } = setup();
    await controller.newProject('cnn');
    expect(editor.graph).toEqual(getTemplate('cnn')!.graph);
    editor.updateConfig('dense-1', 'units', 64);
    expect(editor.dirty).toBe(true);
    expect(await controller.save()).toBe(true);
    expect(editor.dirty).toBe(false);
    const saved = fake.files.get('Convolutional network.layerlab.json')!;
    const parsed = parseProjectFile(saved);
    expect(parsed.ok && parsed.project.graph.nodes.find((n) => n.id === 'dense-1')!.config.units).toBe(64);
    expect(editor.getState().project.handle).toBe('Convolutional network.layerlab.json');
  });

  it("takes a template's task and saves it in the project file", async () => {
    const { fake, editor, controller } = setup();
    await controller.newProject('autoencoder');
    expect(editor.getState().doc.task).toBe('autoencoder');
    expect(await controller.save()).toBe(true);
    const parsed = parseProjectFile(fake.files.get('Autoencoder.layerlab.json')!);
    expect(parsed.ok && parsed.project.task).toBe('autoencoder');
    await controller.newProject(null);
    expect(editor.getState().doc.task).toBe('classification');
  });

  it('asks before discarding unsaved changes and keeps them when the user says no', async () => {
    const { editor, controller, questions } = setup(false);
    await controller.newProject('cnn');
    editor.updateConfig('dense-1', 'units', 64);
    expect(await controller.newProject('feed-forward')).toBe(false);
    expect(questions[0]).toMatch(/not saved/);
    expect(editor.graph.nodes.find((n) => n.id === 'dense-1')!.config.units).toBe(64);
  });

  it('keeps the fields this version does not know through open, edits and save, at every level', async () => {
    // Before: opening dropped them (the parser's zod schema stripped them), so the next save lost them silently.
    const { fake, editor, controller, questions } = setup();
    fake.files.set('future.layerlab.json', JSON.stringify(projectWithUnknownFields()));
    expect(await controller.openRecent('future.layerlab.json')).toBe(true);
    const [first] = editor.graph.nodes;
    const dense = editor.graph.nodes.find((node) => node.kind === 'Dense')!;
    editor.updateConfig(dense.id, 'units', 7);
    editor.setLabel(first.id, 'points');
    editor.moveNodes(new Map([[first.id, { x: 5, y: 6 }]]));
    editor.setTraining({ epochs: 3 });
    editor.addNode('Dropout', { x: 400, y: 400 });
    expect(await controller.save()).toBe(true);
    expect(questions).toEqual([]);

    const saved = parseProjectFile(fake.files.get('future.layerlab.json')!);
    if (!saved.ok) throw new Error(saved.error);
    const names = findUnknownFields(saved.project, zProjectFile).map(describeUnknownField);
    expect(names.sort()).toEqual(unknownFieldNames().sort());
    const node = saved.project.graph.nodes[0];
    expect(node).toMatchObject({ label: 'points', position: { x: 5, y: 6, z: 4 }, color: '#ff0000' });
    expect(saved.project.training).toMatchObject({ epochs: 3, warmupEpochs: 2 });
  });

  it('asks before a save would lose a field this version does not know, naming it, and saves nothing if refused', async () => {
    const { fake, editor, controller, questions } = setup(false);
    fake.files.set('future.layerlab.json', JSON.stringify(projectWithUnknownFields()));
    await controller.openRecent('future.layerlab.json');
    const before = fake.files.get('future.layerlab.json');
    // Some future path that rebuilds the training settings from known fields only.
    const doc = editor.getState().doc;
    const { warmupEpochs: _dropped, ...training } = doc.training as typeof doc.training & { warmupEpochs?: number };
    editor.loadProject({ ...doc, training }, editor.getState().project);
    expect(await controller.save()).toBe(false);
    expect(questions).toEqual([expect.stringMatching(/does not know and cannot keep: training\.warmupEpochs\. Save/)]);
    expect(fake.files.get('future.layerlab.json')).toBe(before);
    expect(editor.getState().status?.text).toMatch(/Not saved/);
  });

  it("reports a broken file with the parser's reason and leaves the current project alone", async () => {
    const { fake, editor, controller } = setup();
    await controller.newProject('cnn');
    const before = editor.graph;
    fake.files.set('broken.layerlab.json', '{"format": "layerlab", "version": 1, "graph": ');
    expect(await controller.openRecent('broken.layerlab.json')).toBe(false);
    expect(editor.graph).toBe(before);
    expect(editor.getState().status).toMatchObject({ tone: 'error' });
    expect(editor.getState().status!.text).toMatch(/broken\.layerlab\.json/);
  });

  it('autosaves a moment after edits stop, and offers the work back on the next start', async () => {
    const first = setup();
    const stop = first.controller.startAutosave();
    await first.controller.newProject('cnn');
    first.editor.updateConfig('dense-1', 'units', 48);
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS / 2);
    expect(first.fake.autosave).toBeNull();
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(first.fake.autosave).toBe(projectText(first.editor.getState().doc));
    stop();

    // "Crash", then a new session on the same host storage.
    const second = setup();
    second.fake.autosave = first.fake.autosave;
    const recovered = await second.controller.findRecovery();
    expect(recovered?.graph.nodes.find((n) => n.id === 'dense-1')!.config.units).toBe(48);
    second.controller.recover(recovered!);
    expect(second.editor.dirty).toBe(true);
    expect(second.editor.graph).toEqual(recovered!.graph);
  });

  it('saves finished runs with the project, autosaves them, and lists them as Run 1, Run 2 when opened again', async () => {
    const { fake, editor, training, controller } = setup();
    await controller.newProject('xor-mlp');
    const snapshot = {
      epoch: 1,
      loss: 0.6,
      accuracy: 0.7,
      valLoss: 0.6,
      valAccuracy: 0.7,
      confusionMatrix: [
        [14, 6],
        [6, 14],
      ],
    };
    fake.answerViews((_, query) => {
      if (query.kind === 'snapshots') return { snapshots: [snapshot] };
      if (query.kind === 'modelWeights')
        return { specs: [{ name: 'dense-1/kernel', shape: [1], dtype: 'float32' }], data: 'AACAPw==' };
      throw new Error('not in this test');
    });
    const stop = controller.startAutosave();
    for (const lr of [0.01, 0.1]) {
      editor.setTraining({ learningRate: lr });
      await training.start(trainingRequest(editor.getState().doc), 'XOR');
      fake.emit({
        type: 'started',
        backend: 'cpu',
        params: 42,
        trainSize: 360,
        valSize: 40,
        classNames: ['a', 'b'],
        epochs: 1,
        batchesPerEpoch: 12,
      });
      fake.emit({
        type: 'epoch',
        epoch: 1,
        loss: 0.6,
        accuracy: 0.7,
        valLoss: 0.6,
        valAccuracy: 0.7,
        confusionMatrix: snapshot.confusionMatrix,
        perClass: [],
        samplesPerSecond: 1,
        etaSeconds: 0,
        gradientNorms: [{ layer: 'dense-1', norm: 0.5 }],
      });
      fake.emit({
        type: 'done',
        metrics: { loss: 0.6, accuracy: 0.7, valLoss: 0.6, valAccuracy: 0.7 },
        confusionMatrix: snapshot.confusionMatrix,
        classNames: ['a', 'b'],
        epochs: 1,
        seconds: 1,
      });
      await vi.advanceTimersByTimeAsync(0);
    }
    expect(controller.dirty).toBe(true);
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    const recovered = parseProjectFile(fake.autosave!);
    expect(recovered.ok && recovered.project.runs?.length).toBe(2);
    stop();

    expect(await controller.save()).toBe(true);
    expect(controller.dirty).toBe(false);
    const saved = parseProjectFile(fake.files.get('XOR with a hidden layer.layerlab.json')!);
    if (!saved.ok) throw new Error(saved.error);
    expect(
      saved.project.runs!.map((run) => [
        run.number,
        run.request.training.learningRate,
        run.snapshots,
        run.weights?.data,
      ]),
    ).toEqual([
      [1, 0.01, [snapshot], 'AACAPw=='],
      [2, 0.1, [snapshot], 'AACAPw=='],
    ]);

    await controller.newProject(null);
    expect(training.getState().runs).toEqual([]);
    await controller.openRecent('XOR with a hidden layer.layerlab.json');
    const runs = training.getState().runs;
    expect(runs.map((run) => run.title)).toEqual(['Run 1 · XOR', 'Run 2 · XOR']);
    expect(runs.every((run) => run.restored && run.phase === 'done')).toBe(true);
    expect(runs[1].gradientNorms).toEqual({ layers: ['dense-1'], epochs: [[0.5]] });
    expect(controller.dirty).toBe(false);

    // The next run of the reopened project is Run 3.
    await training.start(trainingRequest(editor.getState().doc), 'XOR');
    expect(training.getState().runs.at(-1)!.title).toBe('Run 3 · XOR');
  });
});
