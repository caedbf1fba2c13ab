import { createExerciseService } from './exercise-service';
import { mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TrainingHost } from '../engine/training-host';
import type { RunViewer } from '../engine/run-viewer';
import { parseProjectFile } from '../../shared/graph/project-file';
import { readProjectWeights } from '../../shared/graph/project-weights';
import type { ImportedModel } from '../../shared/ipc/api';
import { XOR_MLP } from '../../shared/templates/xor-mlp';
import { DatasetAccess, DatasetAccessError, ProjectDatasetGrants } from './dataset-access';
import type { DatasetService } from './dataset-service';
import { createDispatcher } from './dispatch';
import { HandleRegistry } from './handle-registry';
import { createProjectStore } from './project-store';
import { unavailableDialogs, type HostDialogs } from './host-dialogs';
import { createInvokeHandlers } from './invoke-handlers';
import { RunModelStore } from './run-models';
import { TEST_HISTORY, writeKeptRun } from './testing/kept-run';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const stores: RunModelStore[] = [];
afterEach(() => stores.splice(0).forEach((store) => store.dispose()));

/** `keptRun`: true keeps run r1 as a real XOR export; a function writes r1's folder itself. */
async function setup(dialogs: Partial<HostDialogs> = {}, keptRun: boolean | ((to: string) => Promise<void>) = false) {
  const hasModel = keptRun !== false;
  const dir = mkdtempSync(join(tmpdir(), 'layerlab-handlers-'));
  dirs.push(dir);
  const runModels = new RunModelStore();
  stores.push(runModels);
  if (hasModel) {
    await runModels.keep(
      'r1',
      keptRun === true ? (to) => writeKeptRun(to) : (keptRun as (to: string) => Promise<void>),
    );
  }
  const training = {
    start: vi.fn(() => 'r1'),
    pause: vi.fn(),
    resume: vi.fn(),
    stop: vi.fn(),
    exportModel: vi.fn(async () => {}),
    hasModel: () => hasModel,
    inspect: vi.fn(async () => ({ snapshots: [] }) as never),
    keepModels: () => {},
    isRunning: () => false,
    onEvent: () => () => {},
    dispose: () => {},
  } satisfies TrainingHost;
  const datasets: DatasetService = {
    list: async () => [],
    describe: vi.fn(async (ref) => ({ id: ref.kind === 'file' ? ref.path : ref.id }) as never),
    preview: async () => ({}) as never,
    importFile: vi.fn(async (path: string) => ({ kind: 'file' as const, path })),
  };
  const onRecentChanged = vi.fn();
  const datasetAccess = new DatasetAccess();
  const viewer = {
    open: vi.fn(async () => 'viewer-1'),
    owns: (id: string) => id.startsWith('viewer-'),
    inspect: vi.fn(async () => ({ layers: [] }) as never),
    close: vi.fn(),
    pid: () => null,
    dispose: () => {},
  } satisfies RunViewer;
  const handlers = createInvokeHandlers({
    training,
    runModels,
    viewer,
    datasets,
    projects: createProjectStore({ userDataDir: join(dir, 'user') }),
    handles: new HandleRegistry(),
    datasetAccess,
    projectGrants: new ProjectDatasetGrants(datasetAccess, join(dir, 'user')),
    dialogs: { ...unavailableDialogs('tests'), ...dialogs },
    exercises: createExerciseService(),
    onRecentChanged,
  });
  return { dir, training, viewer, datasets, datasetAccess, onRecentChanged, dispatch: createDispatcher(handlers) };
}

describe('invoke handlers', () => {
  it('opens through the dialog and hands out an opaque handle, not the path', async () => {
    const { dir, dispatch, onRecentChanged } = await setup({
      chooseProjectToOpen: async () => join(dir, 'a.layerlab.json'),
    });
    writeFileSync(join(dir, 'a.layerlab.json'), '{"x":1}');
    const opened = (await dispatch('layerlab:projects.open', undefined)) as {
      handle: string;
      name: string;
      text: string;
    };
    expect(opened.name).toBe('a.layerlab.json');
    expect(opened.text).toBe('{"x":1}');
    expect(opened.handle).not.toContain(dir);
    expect(onRecentChanged).toHaveBeenCalled();
    const recent = (await dispatch('layerlab:projects.recent', undefined)) as { handle: string; name: string }[];
    expect(recent).toEqual([{ handle: opened.handle, name: 'a.layerlab.json' }]);
    await expect(dispatch('layerlab:projects.openRecent', { handle: opened.handle })).resolves.toMatchObject({
      text: '{"x":1}',
    });
  });

  it('refuses handles it never issued (the renderer cannot name arbitrary files)', async () => {
    const { dispatch } = await setup();
    await expect(dispatch('layerlab:projects.openRecent', { handle: '/etc/passwd' })).rejects.toThrow(
      /no longer known/,
    );
    await expect(
      dispatch('layerlab:projects.save', { handle: '/tmp/x', suggestedName: 'x', text: '' }),
    ).rejects.toThrow(/no longer known/);
  });

  it('saves to the picked path, then back to the same file through its handle', async () => {
    const { dir, dispatch } = await setup({ chooseSavePath: async (name) => join(dir, `${name}.layerlab.json`) });
    const first = (await dispatch('layerlab:projects.save', { handle: null, suggestedName: 'cnn', text: 'one' })) as {
      handle: string;
      name: string;
    };
    expect(first.name).toBe('cnn.layerlab.json');
    await dispatch('layerlab:projects.save', { handle: first.handle, suggestedName: 'cnn', text: 'two' });
    expect(readFileSync(join(dir, 'cnn.layerlab.json'), 'utf8')).toBe('two');
  });

  it('returns null when a dialog is cancelled', async () => {
    const { dispatch } = await setup(
      {
        chooseProjectToOpen: async () => null,
        chooseSavePath: async () => null,
        chooseDatasetFile: async () => null,
        chooseExportDir: async () => null,
      },
      true,
    );
    await expect(dispatch('layerlab:projects.open', undefined)).resolves.toBeNull();
    await expect(
      dispatch('layerlab:projects.save', { handle: null, suggestedName: 'x', text: '' }),
    ).resolves.toBeNull();
    await expect(dispatch('layerlab:datasets.importFile', {})).resolves.toBeNull();
    await expect(dispatch('layerlab:training.exportModel', { runId: 'r1', name: 'x' })).resolves.toEqual({
      saved: false,
    });
  });

  it('exports the run asked for, named as asked, into the chosen folder; a run not kept is refused first', async () => {
    const chooseExportDir = vi.fn(async () => '/out');
    const none = await setup({ chooseExportDir });
    await expect(none.dispatch('layerlab:training.exportModel', { runId: 'r1', name: 'cnn-run-1' })).rejects.toThrow(
      /no longer kept/,
    );
    expect(chooseExportDir).not.toHaveBeenCalled();
    const out = mkdtempSync(join(tmpdir(), 'layerlab-export-'));
    dirs.push(out);
    const some = await setup({ chooseExportDir: async () => out }, true);
    await expect(some.dispatch('layerlab:training.exportModel', { runId: 'r1', name: 'CNN run 1' })).resolves.toEqual({
      saved: true,
      where: join(out, 'CNN_run_1'),
    });
    expect(readdirSync(join(out, 'CNN_run_1')).sort()).toEqual([
      'README.md',
      'history.csv',
      'model.json',
      'project.layerlab.json',
      'weights.bin',
    ]);
  });

  it('exports a run in the format asked for, with its data and history, through the same exporter as the CLI', async () => {
    const out = mkdtempSync(join(tmpdir(), 'layerlab-export-'));
    dirs.push(out);
    const { dispatch } = await setup({ chooseExportDir: async () => out }, true);
    await dispatch('layerlab:training.exportModel', {
      runId: 'r1',
      name: 'xor-run-1-pytorch',
      format: 'pytorch',
      includeData: true,
    });
    const folder = join(out, 'xor-run-1-pytorch');
    expect(readdirSync(folder).sort()).toEqual([
      'README.md',
      'data.npz',
      'history.csv',
      'model.py',
      'train.py',
      'weights.npz',
    ]);
    expect(readFileSync(join(folder, 'history.csv'), 'utf8')).toBe(TEST_HISTORY);
    expect(readFileSync(join(folder, 'model.py'), 'utf8')).toContain('xor-run-1-pytorch');

    await dispatch('layerlab:training.exportModel', {
      runId: 'r1',
      name: 'untrained',
      format: 'onnx',
      includeWeights: false,
    });
    expect(readdirSync(join(out, 'untrained'))).toContain('model.onnx');
  });

  it('exports data only when the run read data this session may read, before asking for a folder', async () => {
    const chooseExportDir = vi.fn(async () => '/out');
    // A run whose project names a data file nobody picked this session.
    const { dispatch } = await setup({ chooseExportDir }, async (to) => {
      await writeKeptRun(to);
      const projectPath = join(to, 'project.layerlab.json');
      const project = JSON.parse(readFileSync(projectPath, 'utf8'));
      project.dataset = { kind: 'file', path: '/home/student/.ssh/id_rsa' };
      writeFileSync(projectPath, JSON.stringify(project));
    });
    await expect(
      dispatch('layerlab:training.exportModel', { runId: 'r1', name: 'x', includeData: true }),
    ).rejects.toThrow(DatasetAccessError);
    expect(chooseExportDir).not.toHaveBeenCalled();
    await expect(
      dispatch('layerlab:training.exportModel', { runId: 'r1', name: 'x', format: 'caffe' }),
    ).rejects.toThrow(/format/);
  });

  it('opens a model.json as a project and names every unsupported layer, importing nothing', async () => {
    const { dir, dispatch } = await setup({ chooseModelFile: async () => join(dir, 'run', 'model.json') });
    await writeKeptRun(join(dir, 'run'));
    const imported = (await dispatch('layerlab:projects.importModel', undefined)) as ImportedModel;
    expect(imported).toMatchObject({ name: 'model.json', layers: XOR_MLP.graph.nodes.length, params: 42 });
    const project = parseProjectFile(imported.text);
    expect(project.ok && project.project.graph.nodes.map((n) => n.kind)).toEqual(
      XOR_MLP.graph.nodes.map((n) => n.kind),
    );
    expect(imported.notes.join(' ')).toMatch(/project\.layerlab\.json/);
    // The weights beside it come along, by node id: what "Start from: Imported model weights" offers.
    const weights = readProjectWeights(project.ok && project.project.weights);
    expect(Object.keys(weights?.layers ?? {})).toHaveLength(2);
    expect(imported.notes.join(' ')).toMatch(/weights attached for 2 layers/);

    // A weight file missing beside it: nothing is imported, and the message names the file.
    renameSync(join(dir, 'run', 'weights.bin'), join(dir, 'run', 'elsewhere.bin'));
    const missing = dispatch('layerlab:projects.importModel', undefined);
    await expect(missing).rejects.toThrow(/weights\.bin/);
    await expect(missing).rejects.toThrow(/pick the model\.json together with the weight files/);
    renameSync(join(dir, 'run', 'elsewhere.bin'), join(dir, 'run', 'weights.bin'));

    const modelPath = join(dir, 'run', 'model.json');
    const model = JSON.parse(readFileSync(modelPath, 'utf8'));
    const layers = model.modelTopology.config.layers;
    layers[1].class_name = 'LSTM';
    layers[2].class_name = 'GRU';
    writeFileSync(modelPath, JSON.stringify(model));
    const failure = dispatch('layerlab:projects.importModel', undefined);
    await expect(failure).rejects.toThrow(/LSTM/);
    await expect(failure).rejects.toThrow(/GRU/);
  });

  it('returns null when the model dialog is cancelled', async () => {
    const { dispatch } = await setup({ chooseModelFile: async () => null });
    await expect(dispatch('layerlab:projects.importModel', undefined)).resolves.toBeNull();
  });

  it('imports the picked data file through the dataset service, within the request’s memory limit', async () => {
    const { dispatch, datasets } = await setup({ chooseDatasetFile: async () => '/data/x.npz' });
    await expect(dispatch('layerlab:datasets.importFile', { maxMemoryMB: 64 })).resolves.toEqual({
      kind: 'file',
      path: '/data/x.npz',
    });
    expect(datasets.importFile).toHaveBeenCalledWith('/data/x.npz', undefined, { maxMemoryMB: 64 });
    await expect(dispatch('layerlab:datasets.importFile', { maxMemoryMB: 1 })).rejects.toThrow(/Invalid payload/);
  });

  it('says clearly when a host has no dialogs', async () => {
    const { dispatch } = await setup();
    await expect(dispatch('layerlab:projects.open', undefined)).rejects.toThrow(
      /no file dialog in tests: upload the file instead/,
    );
  });

  it('forwards training controls and rejects unknown channels', async () => {
    const { dispatch, training } = await setup();
    await dispatch('layerlab:training.pause', undefined);
    await dispatch('layerlab:training.stop', undefined);
    expect(training.pause).toHaveBeenCalled();
    expect(training.stop).toHaveBeenCalled();
    await expect(dispatch('layerlab:shell.exec', 'rm -rf /')).rejects.toThrow(
      /Unknown IPC channel: layerlab:shell.exec/,
    );
    await expect(dispatch(42, undefined)).rejects.toThrow(/Unknown IPC channel: number/);
  });

  it.each(['toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf'])(
    'treats the prototype member %s as an unknown channel',
    async (name) => {
      const { dispatch } = await setup();
      await expect(dispatch(name, undefined)).rejects.toThrow(`Unknown IPC channel: ${name}`);
    },
  );

  it('starts a run only on data the session allowed, checking before the host is called', async () => {
    const { dispatch, training, datasetAccess } = await setup();
    const request = { graph: XOR_MLP.graph, training: XOR_MLP.training, task: XOR_MLP.task };
    await expect(
      dispatch('layerlab:training.start', { ...request, dataset: { kind: 'file', path: '/home/student/.ssh/id_rsa' } }),
    ).rejects.toThrow(DatasetAccessError);
    expect(training.start).not.toHaveBeenCalled();
    datasetAccess.allowImported('/data/a.csv');
    await expect(
      dispatch('layerlab:training.start', { ...request, dataset: { kind: 'file', path: '/data/a.csv' } }),
    ).resolves.toEqual({ runId: 'r1' });
    await expect(
      dispatch('layerlab:training.start', { ...request, dataset: { kind: 'builtin', id: 'xor' } }),
    ).resolves.toEqual({ runId: 'r1' });
  });

  it('loads a finished run into the viewer, reading its data only where the session may, and routes its queries', async () => {
    const { dispatch, viewer, training, datasetAccess } = await setup();
    const weights = { specs: [], data: '' };
    const run = (dataset: object) => ({
      request: { graph: XOR_MLP.graph, training: XOR_MLP.training, task: XOR_MLP.task, dataset },
      weights,
      classNames: ['0', '1'],
      epochs: 2,
      status: 'done',
    });
    await expect(dispatch('layerlab:views.open', { run: run({ kind: 'builtin', id: 'xor' }) })).resolves.toEqual({
      runId: 'viewer-1',
    });
    expect(viewer.open).toHaveBeenLastCalledWith(expect.objectContaining({ weights }), {});
    await dispatch('layerlab:views.open', { run: run({ kind: 'file', path: '/data/gone.csv', name: 'gone.csv' }) });
    expect(viewer.open).toHaveBeenLastCalledWith(expect.anything(), {
      dataProblem: expect.stringMatching(/“gone\.csv” is not loaded in this session.*decision boundary can't be shown/),
    });
    datasetAccess.allowImported('/data/a.csv');
    await dispatch('layerlab:views.open', { run: run({ kind: 'file', path: '/data/a.csv' }) });
    expect(viewer.open).toHaveBeenLastCalledWith(expect.anything(), {});

    await dispatch('layerlab:views.query', { runId: 'viewer-1', query: { kind: 'model' } });
    expect(viewer.inspect).toHaveBeenCalledWith('viewer-1', { kind: 'model' });
    await dispatch('layerlab:views.query', { runId: 'r1', query: { kind: 'model' } });
    expect(training.inspect).toHaveBeenCalledWith('r1', { kind: 'model' });
    expect(viewer.inspect).toHaveBeenCalledTimes(1);
    await dispatch('layerlab:views.close', undefined);
    expect(viewer.close).toHaveBeenCalled();
  });
});
