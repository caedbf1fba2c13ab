import { createExerciseService } from './exercise-service';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TrainingHost } from '../engine/training-host';
import { XOR_MLP } from '../../shared/templates/xor-mlp';
import { DatasetAccess, DatasetAccessError, ProjectDatasetGrants } from './dataset-access';
import type { DatasetService } from './dataset-service';
import { createDispatcher } from './dispatch';
import { HandleRegistry } from './handle-registry';
import { createProjectStore } from './project-store';
import { unavailableDialogs, type HostDialogs } from './host-dialogs';
import { createInvokeHandlers } from './invoke-handlers';
import { RunModelStore } from './run-models';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const stores: RunModelStore[] = [];
afterEach(() => stores.splice(0).forEach((store) => store.dispose()));

async function setup(dialogs: Partial<HostDialogs> = {}, hasModel = false) {
  const dir = mkdtempSync(join(tmpdir(), 'layerlab-handlers-'));
  dirs.push(dir);
  const runModels = new RunModelStore();
  stores.push(runModels);
  if (hasModel) {
    await runModels.keep('r1', async (to) => {
      mkdirSync(to, { recursive: true });
      writeFileSync(join(to, 'model.json'), '{}');
    });
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
    setMemoryLimit: vi.fn(),
  };
  const onRecentChanged = vi.fn();
  const datasetAccess = new DatasetAccess();
  const handlers = createInvokeHandlers({
    training,
    runModels,
    datasets,
    projects: createProjectStore({ userDataDir: join(dir, 'user') }),
    handles: new HandleRegistry(),
    datasetAccess,
    projectGrants: new ProjectDatasetGrants(datasetAccess, join(dir, 'user')),
    dialogs: { ...unavailableDialogs('tests'), ...dialogs },
    exercises: createExerciseService(),
    onRecentChanged,
  });
  return { dir, training, datasets, datasetAccess, onRecentChanged, dispatch: createDispatcher(handlers) };
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
    await expect(dispatch('layerlab:datasets.importFile', undefined)).resolves.toBeNull();
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
    expect(readdirSync(join(out, 'CNN_run_1'))).toEqual(['model.json']);
  });

  it('imports the picked data file through the dataset service', async () => {
    const { dispatch, datasets } = await setup({ chooseDatasetFile: async () => '/data/x.npz' });
    await expect(dispatch('layerlab:datasets.importFile', undefined)).resolves.toEqual({
      kind: 'file',
      path: '/data/x.npz',
    });
    expect(datasets.importFile).toHaveBeenCalledWith('/data/x.npz');
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
});
