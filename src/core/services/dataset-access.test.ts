import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_FORMAT, PROJECT_VERSION, parseProjectFile, serializeProject } from '../../shared/graph/project-file';
import { XOR_MLP } from '../../shared/templates/xor-mlp';
import type { DatasetRef } from '../../shared/training/dataset';
import { DatasetAccess, DatasetAccessError } from './dataset-access';

const DATA_DIR = join('/', 'home', 'student', 'data');
const file = (name: string, extra: Partial<Extract<DatasetRef, { kind: 'file' }>> = {}): DatasetRef => ({
  kind: 'file',
  path: join(DATA_DIR, name),
  ...extra,
});

/** A valid project file (the XOR template) whose dataset is `dataset`. */
function projectText(dataset: DatasetRef): string {
  return serializeProject({
    format: PROJECT_FORMAT,
    version: PROJECT_VERSION,
    graph: XOR_MLP.graph,
    training: XOR_MLP.training,
    dataset,
    task: XOR_MLP.task,
  });
}

describe('DatasetAccess', () => {
  it('always allows built-in data sets', () => {
    expect(() => new DatasetAccess().check({ kind: 'builtin', id: 'fonts', params: { seed: 3 } })).not.toThrow();
  });

  it('refuses a file nobody chose, naming it and saying how to choose it', () => {
    const access = new DatasetAccess();
    expect(() => access.check({ kind: 'file', path: '/etc/passwd' })).toThrow(DatasetAccessError);
    expect(() => access.check({ kind: 'file', path: '/etc/passwd' })).toThrow(
      'The data file “passwd” is not loaded in this session: import it again with Import data….',
    );
  });

  it('allows exactly the imported path, however it is spelled, and nothing beside or below it', () => {
    const access = new DatasetAccess();
    access.allowImported(join(DATA_DIR, 'fonts.npz'));
    expect(() => access.check(file('fonts.npz', { x: 'images', y: 'labels' }))).not.toThrow();
    expect(() => access.check({ kind: 'file', path: `${DATA_DIR}/sub/../fonts.npz` })).not.toThrow();
    expect(() => access.check(file('other.npz'))).toThrow(/other\.npz/);
    expect(() => access.check(file('fonts.npz/../../secret.csv'))).toThrow(DatasetAccessError);
  });

  it('allows the dataset of an opened project, and nothing for text that is not a valid project', () => {
    const access = new DatasetAccess();
    const text = projectText(file('course.csv'));
    expect(parseProjectFile(text).ok).toBe(true);
    access.allowFromProject(text);
    expect(() => access.check(file('course.csv'))).not.toThrow();

    const broken = JSON.stringify({ format: 'layerlab', version: 1, dataset: file('broken.csv') });
    access.allowFromProject(broken);
    access.allowFromProject('{not json');
    expect(() => access.check(file('broken.csv'))).toThrow(DatasetAccessError);
  });

  it('lets a lone .npy read its labels beside it, but not from another folder', () => {
    const access = new DatasetAccess();
    access.allowImported(join(DATA_DIR, 'x.NPY'));
    expect(() => access.check(file('x.NPY', { y: 'labels' }))).not.toThrow();
    expect(() => access.check(file('x.NPY', { y: 'labels.npy' }))).not.toThrow();
    const refusedPath = (y: string) => {
      try {
        access.check(file('x.NPY', { y }));
      } catch (error) {
        return (error as DatasetAccessError).path;
      }
      return null;
    };
    expect(refusedPath('../other/labels')).toMatch(/other\/labels\.npy$/);
    expect(refusedPath('/root/keys.npy')).toBe('/root/keys.npy');
    // A file the user imported separately may serve as labels wherever it is.
    access.allowImported('/elsewhere/y.npy');
    expect(() => access.check(file('x.NPY', { y: '/elsewhere/y.npy' }))).not.toThrow();
  });
});

describe('guardAutosave', () => {
  const setup = async () => {
    const { mkdtemp } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { createProjectStore } = await import('./project-store');
    const { guardAutosave } = await import('./dataset-access');
    const dir = await mkdtemp(join(tmpdir(), 'layerlab-autosave-'));
    const session = () => {
      const access = new DatasetAccess();
      return { access, projects: guardAutosave(createProjectStore({ userDataDir: dir }), access, dir) };
    };
    return { session };
  };

  it('re-allows, after a restart, the imported file an autosave refers to', async () => {
    const { session } = await setup();
    const first = session();
    first.access.allowImported(join(DATA_DIR, 'data.npz'));
    await first.projects.writeAutosave(projectText(file('data.npz')));

    const second = session();
    expect(() => second.access.check(file('data.npz'))).toThrow(DatasetAccessError);
    expect(await second.projects.readAutosave()).toBe(projectText(file('data.npz')));
    expect(() => second.access.check(file('data.npz'))).not.toThrow();
  });

  it('grants nothing for a path the autosave text names but the session never allowed', async () => {
    const { session } = await setup();
    const first = session();
    first.access.allowImported(join(DATA_DIR, 'data.npz'));
    await first.projects.writeAutosave(projectText(file('data.npz')));
    // The renderer then autosaves a project pointing elsewhere: the earlier grant must not carry over to it.
    await first.projects.writeAutosave(projectText(file('secret.csv')));

    const second = session();
    await second.projects.readAutosave();
    expect(() => second.access.check(file('secret.csv'))).toThrow(DatasetAccessError);
    expect(() => second.access.check(file('data.npz'))).toThrow(DatasetAccessError);
  });

  it('forgets the grant when the autosave is cleared', async () => {
    const { session } = await setup();
    const first = session();
    first.access.allowImported(join(DATA_DIR, 'data.npz'));
    await first.projects.writeAutosave(projectText(file('data.npz')));
    await first.projects.clearAutosave();
    const second = session();
    expect(await second.projects.readAutosave()).toBeNull();
    await second.projects.writeAutosave(projectText(file('data.npz')));
    expect(() => second.access.check(file('data.npz'))).toThrow(DatasetAccessError);
    const third = session();
    await third.projects.readAutosave();
    expect(() => third.access.check(file('data.npz'))).toThrow(DatasetAccessError);
  });
});
