import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { DatasetRef } from '../../shared/training/dataset';
import { DatasetAccess, DatasetAccessError } from './dataset-access';
import { createDatasetService, type DatasetCatalog } from './dataset-service';

const DATA = join('/', 'home', 'student', 'data');

function fakeCatalog(fail = false) {
  const catalog = {
    describe: vi.fn(async (ref: DatasetRef) => {
      if (fail) throw new Error('not a data file');
      return { id: ref.kind } as never;
    }),
    preview: vi.fn(async () => ({}) as never),
  } satisfies DatasetCatalog;
  return catalog;
}

describe('dataset service', () => {
  it('refuses describe and preview of a file nobody chose before anything is read', async () => {
    const catalog = fakeCatalog();
    const service = createDatasetService(new DatasetAccess(), catalog);
    const secret: DatasetRef = { kind: 'file', path: '/home/student/.ssh/id_rsa' };
    await expect(service.describe(secret)).rejects.toThrow(DatasetAccessError);
    await expect(service.preview(secret, 3)).rejects.toThrow(DatasetAccessError);
    expect(catalog.describe).not.toHaveBeenCalled();
    expect(catalog.preview).not.toHaveBeenCalled();
    await service.describe({ kind: 'builtin', id: 'xor' });
    expect(catalog.describe).toHaveBeenCalledTimes(1);
  });

  it('allows an imported file once it has been read, and passes allowed refs through unchanged', async () => {
    const catalog = fakeCatalog();
    const service = createDatasetService(new DatasetAccess(), catalog);
    const path = join(DATA, 'a.csv');
    await expect(service.importFile(path)).resolves.toEqual({ kind: 'file', path, name: 'a.csv' });
    await expect(service.importFile(path, 'Mein Datensatz.csv')).resolves.toMatchObject({ name: 'Mein Datensatz.csv' });
    const ref: DatasetRef = { kind: 'file', path, y: 'label' };
    await service.preview(ref, 2);
    expect(catalog.preview).toHaveBeenCalledWith(ref, 2, {});
  });

  it('reads within the memory limit each request carries, for imports and previews alike, and keeps none', async () => {
    const catalog = fakeCatalog();
    const service = createDatasetService(new DatasetAccess(), catalog);
    const path = join(DATA, 'big.npz');
    await service.importFile(path, undefined, { maxMemoryMB: 64 });
    expect(catalog.describe).toHaveBeenLastCalledWith({ kind: 'file', path, name: 'big.npz' }, { maxMemoryMB: 64 });
    await service.preview({ kind: 'file', path }, 2, { maxMemoryMB: 64 });
    expect(catalog.preview).toHaveBeenLastCalledWith({ kind: 'file', path }, 2, { maxMemoryMB: 64 });
    // A request without a limit gets the default, whatever an earlier request said.
    await service.preview({ kind: 'file', path }, 2);
    expect(catalog.preview).toHaveBeenLastCalledWith({ kind: 'file', path }, 2, {});
    await service.describe({ kind: 'file', path }, { maxMemoryMB: undefined });
    expect(catalog.describe).toHaveBeenLastCalledWith({ kind: 'file', path }, {});
  });

  it('grants nothing for a file that fails to import', async () => {
    const access = new DatasetAccess();
    const service = createDatasetService(access, fakeCatalog(true));
    const path = join(DATA, 'broken.npz');
    await expect(service.importFile(path)).rejects.toThrow(/not a data file/);
    expect(access.isAllowed(path)).toBe(false);
  });
});
