import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_FORMAT, PROJECT_VERSION, serializeProject } from '../../shared/graph/project-file';
import { XOR_MLP } from '../../shared/templates/xor-mlp';
import type { DatasetRef } from '../../shared/training/dataset';
import { DatasetAccess, DatasetAccessError, ProjectDatasetGrants } from './dataset-access';

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

describe('ProjectDatasetGrants', () => {
  let userData: string;
  beforeEach(() => {
    userData = mkdtempSync(join(tmpdir(), 'layerlab-grants-'));
  });
  afterEach(() => rmSync(userData, { recursive: true, force: true }));
  const project = join(DATA_DIR, 'course.layerlab.json');

  it('grants the data file of a project the user picked, and nothing for text that is not a valid project', async () => {
    const access = new DatasetAccess();
    const grants = new ProjectDatasetGrants(access, userData);
    await grants.openedFromDialog(project, projectText(file('course.csv')));
    expect(() => access.check(file('course.csv'))).not.toThrow();
    const broken = JSON.stringify({ format: 'layerlab', version: 1, dataset: file('broken.csv') });
    await grants.openedFromDialog(join(DATA_DIR, 'a.layerlab.json'), broken);
    await grants.openedFromDialog(join(DATA_DIR, 'b.layerlab.json'), '{not json');
    expect(() => access.check(file('broken.csv'))).toThrow(DatasetAccessError);
  });

  it('never grants from text the renderer had saved, unless its data file was allowed when saved', async () => {
    const first = new DatasetAccess();
    const grants = new ProjectDatasetGrants(first, userData);
    await grants.saved(project, projectText(file('secret.csv')));
    await grants.openedFromDialog(project, projectText(file('secret.csv')));
    await grants.openedFromRecent(project, projectText(file('secret.csv')));
    expect(first.isAllowed(join(DATA_DIR, 'secret.csv'))).toBe(false);

    first.allowImported(join(DATA_DIR, 'mine.csv'));
    await grants.saved(project, projectText(file('mine.csv')));
    const next = new DatasetAccess();
    await new ProjectDatasetGrants(next, userData).openedFromRecent(project, projectText(file('mine.csv')));
    expect(next.isAllowed(join(DATA_DIR, 'mine.csv'))).toBe(true);
  });

  it('treats a missing or damaged ledger as empty, and keeps it bounded', async () => {
    writeFileSync(join(userData, 'project-dataset-grants.json'), '{"x": 3, "/p": {"dataset": 5}}');
    const access = new DatasetAccess();
    const grants = new ProjectDatasetGrants(access, userData);
    await grants.openedFromRecent(project, projectText(file('course.csv')));
    expect(access.isAllowed(join(DATA_DIR, 'course.csv'))).toBe(false);
    for (let i = 0; i < 210; i++)
      await grants.openedFromDialog(join(DATA_DIR, `p${i}.layerlab.json`), projectText(file(`d${i}.csv`)));
    const ledger = JSON.parse(readFileSync(join(userData, 'project-dataset-grants.json'), 'utf8'));
    expect(Object.keys(ledger)).toHaveLength(200);
    expect(Object.keys(ledger).at(-1)).toBe(join(DATA_DIR, 'p209.layerlab.json'));
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
