import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PROJECT_FORMAT, PROJECT_VERSION, serializeProject } from '../../shared/graph/project-file';
import type { StartTrainingRequest } from '../../shared/ipc/training-protocol';
import { XOR_MLP } from '../../shared/templates/xor-mlp';
import type { DatasetRef } from '../../shared/training/dataset';
import { createServices } from '../../core/services/create-services';
import type { TrainingHost } from '../../core/engine/training-host';
import { fakeIpcMain } from './fake-ipc-main';
import { unavailableDialogs, type HostDialogs } from '../../core/services/host-dialogs';
import { createInvokeHandlers } from '../../core/services/invoke-handlers';
import { registerIpcHandlers } from './register-ipc';

const CSV = 'x1,x2,label\n0,0,a\n1,1,b\n0,1,a\n1,0,b\n';
const REFUSED = /is not loaded in this session: import it again with Import data…/;

const dirs: string[] = [];
const disposables: { dispose(): void }[] = [];
afterEach(() => {
  for (const services of disposables.splice(0)) services.dispose();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'layerlab-access-'));
  dirs.push(dir);
  return dir;
}

/** Electron main as index.ts wires it (real services and datasets, a training host that never spawns), behind a fake ipcMain. */
function electronMain(userDataDir: string, dialogs: Partial<HostDialogs> = {}) {
  const start = vi.fn((_request: StartTrainingRequest) => 'run-1');
  const host: TrainingHost = {
    start,
    pause: () => {},
    resume: () => {},
    stop: () => {},
    exportModel: async () => {},
    hasModel: () => false,
    inspect: async () => Promise.reject(new Error('no model in this test')),
    keepModels: () => {},
    onEvent: () => () => {},
    isRunning: () => false,
    dispose: () => {},
  };
  const services = createServices({ userDataDir, trainingHost: host });
  disposables.push(services);
  const fake = fakeIpcMain();
  registerIpcHandlers(
    fake.ipcMain,
    createInvokeHandlers({ ...services, dialogs: { ...unavailableDialogs('tests'), ...dialogs } }),
    { 'layerlab:app.setDirtyState': () => {} },
    { isTrustedSender: () => true },
  );
  const startRequest = (dataset: DatasetRef) => ({
    graph: XOR_MLP.graph,
    training: XOR_MLP.training,
    dataset,
    task: XOR_MLP.task,
  });
  return { invoke: fake.invoke, start, startRequest };
}

describe('dataset access through Electron IPC', () => {
  it('refuses describe, preview and training on a path the renderer made up, without reading it', async () => {
    const dir = tempDir();
    const secret = join(dir, 'secret.csv');
    writeFileSync(secret, CSV);
    const main = electronMain(join(dir, 'user'));
    const ref: DatasetRef = { kind: 'file', path: secret };
    await expect(main.invoke('layerlab:datasets.describe', { ref })).rejects.toThrow(REFUSED);
    await expect(main.invoke('layerlab:datasets.preview', { ref, perClass: 2 })).rejects.toThrow(REFUSED);
    await expect(main.invoke('layerlab:training.start', main.startRequest(ref))).rejects.toThrow(REFUSED);
    expect(main.start).not.toHaveBeenCalled();
    // A path that does not exist gets the same refusal naming it, not an importer error: nothing was looked at.
    const missing = join(dir, 'missing.npz');
    const error = (await main
      .invoke('layerlab:datasets.describe', { ref: { kind: 'file', path: missing } })
      .catch((e) => e)) as Error;
    expect(error.message).toMatch(REFUSED);
    // Named as the user knows it, never by the path on this machine.
    expect(error.message).toContain('“missing.npz”');
    expect(error.message).not.toContain(missing);
    // Built-in data sets need no permission.
    await expect(
      main.invoke('layerlab:datasets.describe', { ref: { kind: 'builtin', id: 'xor' } }),
    ).resolves.toMatchObject({
      id: 'xor',
    });
  });

  it('allows a file once it was chosen through Import data…', async () => {
    const dir = tempDir();
    const data = join(dir, 'points.csv');
    writeFileSync(data, CSV);
    const main = electronMain(join(dir, 'user'), { chooseDatasetFile: async () => data });
    const ref = (await main.invoke('layerlab:datasets.importFile', {})) as DatasetRef;
    expect(ref).toEqual({ kind: 'file', path: data, name: 'points.csv' });
    await expect(main.invoke('layerlab:datasets.describe', { ref: { ...ref, y: 'label' } })).resolves.toMatchObject({
      classNames: ['a', 'b'],
    });
    await expect(main.invoke('layerlab:datasets.preview', { ref, perClass: 1 })).resolves.toMatchObject({
      descriptor: { classNames: ['a', 'b'] },
    });
    await expect(main.invoke('layerlab:training.start', main.startRequest(ref))).resolves.toEqual({ runId: 'run-1' });
    expect(main.start).toHaveBeenCalledWith(expect.objectContaining({ dataset: ref }));
  });

  it('allows the data file of a project opened through the dialog, and again from Open recent next session', async () => {
    const dir = tempDir();
    const data = join(dir, 'course.csv');
    writeFileSync(data, CSV);
    const project = join(dir, 'course.layerlab.json');
    const ref: DatasetRef = { kind: 'file', path: data };
    writeFileSync(
      project,
      serializeProject({
        format: PROJECT_FORMAT,
        version: PROJECT_VERSION,
        graph: XOR_MLP.graph,
        training: XOR_MLP.training,
        dataset: ref,
        task: XOR_MLP.task,
      }),
    );
    const userData = join(dir, 'user');

    const first = electronMain(userData, { chooseProjectToOpen: async () => project });
    await expect(first.invoke('layerlab:datasets.describe', { ref })).rejects.toThrow(REFUSED);
    await first.invoke('layerlab:projects.open');
    await expect(first.invoke('layerlab:datasets.describe', { ref })).resolves.toMatchObject({
      classNames: ['a', 'b'],
    });
    await expect(first.invoke('layerlab:training.start', first.startRequest(ref))).resolves.toEqual({ runId: 'run-1' });

    const next = electronMain(userData);
    await expect(next.invoke('layerlab:datasets.describe', { ref })).rejects.toThrow(REFUSED);
    const [recent] = (await next.invoke('layerlab:projects.recent')) as { handle: string }[];
    await next.invoke('layerlab:projects.openRecent', { handle: recent.handle });
    await expect(next.invoke('layerlab:datasets.preview', { ref, perClass: 1 })).resolves.toMatchObject({
      descriptor: { classNames: ['a', 'b'] },
    });
  });

  const projectText = (dataset: DatasetRef) =>
    serializeProject({
      format: PROJECT_FORMAT,
      version: PROJECT_VERSION,
      graph: XOR_MLP.graph,
      training: XOR_MLP.training,
      dataset,
      task: XOR_MLP.task,
    });
  /** A project on disk naming `dataset`, as a colleague or a text editor would have written it. */
  const writeProject = (path: string, dataset: DatasetRef) => writeFileSync(path, projectText(dataset));

  it('a renderer cannot grant itself a file by saving a project that names it and opening it again', async () => {
    const dir = tempDir();
    const secret = join(dir, 'secret.csv');
    writeFileSync(secret, CSV);
    const project = join(dir, 'mine.layerlab.json');
    writeProject(project, { kind: 'builtin', id: 'xor' });
    const userData = join(dir, 'user');
    const main = electronMain(userData, { chooseProjectToOpen: async () => project });
    const opened = (await main.invoke('layerlab:projects.open')) as { handle: string };
    const hostile: DatasetRef = { kind: 'file', path: secret };

    // Save through the handle it already holds (no dialog), then reopen through Recent.
    await main.invoke('layerlab:projects.save', {
      handle: opened.handle,
      suggestedName: 'mine',
      text: projectText(hostile),
    });
    await main.invoke('layerlab:projects.openRecent', { handle: opened.handle });
    await expect(main.invoke('layerlab:datasets.describe', { ref: hostile })).rejects.toThrow(REFUSED);
    await expect(main.invoke('layerlab:training.start', main.startRequest(hostile))).rejects.toThrow(REFUSED);

    // Next session: neither Recent nor the open dialog turns the renderer's own text into a grant.
    const next = electronMain(userData, { chooseProjectToOpen: async () => project });
    const [recent] = (await next.invoke('layerlab:projects.recent')) as { handle: string }[];
    await next.invoke('layerlab:projects.openRecent', { handle: recent.handle });
    await expect(next.invoke('layerlab:datasets.describe', { ref: hostile })).rejects.toThrow(REFUSED);
    await next.invoke('layerlab:projects.open');
    await expect(next.invoke('layerlab:datasets.describe', { ref: hostile })).rejects.toThrow(REFUSED);
    expect(main.start).not.toHaveBeenCalled();
  });

  it('a project saved with an imported data file opens with it next session, through Recent or the dialog', async () => {
    const dir = tempDir();
    const data = join(dir, 'points.csv');
    writeFileSync(data, CSV);
    const project = join(dir, 'points.layerlab.json');
    const userData = join(dir, 'user');
    const ref: DatasetRef = { kind: 'file', path: data };
    const first = electronMain(userData, {
      chooseDatasetFile: async () => data,
      chooseSavePath: async () => project,
    });
    await first.invoke('layerlab:datasets.importFile', {});
    await first.invoke('layerlab:projects.save', { handle: null, suggestedName: 'points', text: projectText(ref) });

    const viaRecent = electronMain(userData);
    const [recent] = (await viaRecent.invoke('layerlab:projects.recent')) as { handle: string }[];
    await viaRecent.invoke('layerlab:projects.openRecent', { handle: recent.handle });
    await expect(viaRecent.invoke('layerlab:datasets.describe', { ref })).resolves.toMatchObject({
      classNames: ['a', 'b'],
    });

    const viaDialog = electronMain(userData, { chooseProjectToOpen: async () => project });
    await viaDialog.invoke('layerlab:projects.open');
    await expect(viaDialog.invoke('layerlab:datasets.describe', { ref })).resolves.toMatchObject({
      classNames: ['a', 'b'],
    });
  });

  it('a project file changed outside LayerLab is trusted when the user picks it, not when Recent reopens it', async () => {
    const dir = tempDir();
    const first = join(dir, 'first.csv');
    const second = join(dir, 'second.csv');
    writeFileSync(first, CSV);
    writeFileSync(second, CSV);
    const project = join(dir, 'course.layerlab.json');
    const userData = join(dir, 'user');
    writeProject(project, { kind: 'file', path: first });
    await electronMain(userData, { chooseProjectToOpen: async () => project }).invoke('layerlab:projects.open');
    // Edited by hand (or replaced by a colleague's copy) to name another file.
    writeProject(project, { kind: 'file', path: second });

    const viaRecent = electronMain(userData);
    const [recent] = (await viaRecent.invoke('layerlab:projects.recent')) as { handle: string }[];
    await viaRecent.invoke('layerlab:projects.openRecent', { handle: recent.handle });
    await expect(
      viaRecent.invoke('layerlab:datasets.describe', { ref: { kind: 'file', path: second } }),
    ).rejects.toThrow(REFUSED);

    const viaDialog = electronMain(userData, { chooseProjectToOpen: async () => project });
    await viaDialog.invoke('layerlab:projects.open');
    await expect(
      viaDialog.invoke('layerlab:datasets.describe', { ref: { kind: 'file', path: second } }),
    ).resolves.toBeTruthy();
  });

  it('importer errors tell the renderer what is wrong without quoting the file', async () => {
    const dir = tempDir();
    const notes = join(dir, 'notes.csv');
    writeFileSync(notes, 'SECRET_FIRST_LINE,another SECRET\n1,SECRET_CELL\n');
    const main = electronMain(join(dir, 'user'), { chooseDatasetFile: async () => notes });
    await main.invoke('layerlab:datasets.importFile', {}).catch(() => null);
    for (const ref of [
      { kind: 'file', path: notes, y: 'nope', options: { header: true } },
      { kind: 'file', path: notes, x: 'nope', options: { header: true } },
      { kind: 'file', path: notes, y: '0', options: { header: true } },
      { kind: 'file', path: notes, y: 'SECRET_FIRST_LINE', x: 'SECRET_FIRST_LINE', options: { header: true } },
    ] as DatasetRef[]) {
      const error = (await main.invoke('layerlab:datasets.describe', { ref }).catch((e: unknown) => e)) as Error;
      expect(error).toBeInstanceOf(Error);
      expect(error.message).not.toMatch(/SECRET/);
    }
  });

  it('grants nothing for a project file that does not parse', async () => {
    const dir = tempDir();
    const data = join(dir, 'course.csv');
    writeFileSync(data, CSV);
    const project = join(dir, 'broken.layerlab.json');
    writeFileSync(project, JSON.stringify({ format: 'layerlab', version: 1, dataset: { kind: 'file', path: data } }));
    const main = electronMain(join(dir, 'user'), { chooseProjectToOpen: async () => project });
    await main.invoke('layerlab:projects.open');
    await expect(main.invoke('layerlab:datasets.describe', { ref: { kind: 'file', path: data } })).rejects.toThrow(
      REFUSED,
    );
  });
});
