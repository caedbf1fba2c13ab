import { existsSync, promises as fs } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RunModelMissingError, RunModelStore } from './run-models';

const stores: RunModelStore[] = [];
afterEach(() => stores.splice(0).forEach((s) => s.dispose()));

function store(limits: { runs: number; bytes: number }) {
  const s = new RunModelStore(limits);
  stores.push(s);
  return s;
}

/** Stands in for the training process's export: a model.json of `bytes` bytes. */
const writes = (bytes: number) => async (dir: string) => {
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(join(dir, 'model.json'), 'x'.repeat(bytes));
};

describe('RunModelStore', () => {
  it('keeps each run by id, so an older run can still be exported', async () => {
    const runs = store({ runs: 5, bytes: 10_000 });
    await runs.keep('run-a', writes(10));
    await runs.keep('run-b', writes(20));
    expect(await fs.readdir(runs.folder('run-a'))).toEqual(['model.json']);
    expect(await fs.readFile(join(runs.folder('run-b'), 'model.json'))).toHaveLength(20);
  });

  it('drops the oldest runs past the count or the byte cap, always keeping the newest', async () => {
    const runs = store({ runs: 2, bytes: 100 });
    await runs.keep('one', writes(10));
    const oldest = runs.folder('one');
    await runs.keep('two', writes(10));
    await runs.keep('three', writes(10));
    expect(runs.has('one')).toBe(false);
    expect(existsSync(oldest)).toBe(false);
    expect(() => runs.folder('one')).toThrow(RunModelMissingError);
    await runs.keep('huge', writes(500));
    expect(['two', 'three', 'huge'].filter((id) => runs.has(id))).toEqual(['huge']);
  });

  it('refuses an id that could leave its folder', async () => {
    await expect(store({ runs: 1, bytes: 1 }).keep('../etc', writes(1))).rejects.toThrow(/Not a run id/);
  });
});
