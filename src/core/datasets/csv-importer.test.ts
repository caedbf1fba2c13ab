import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetError } from './dataset-error';
import { loadDataset } from './load-dataset';

const dir = mkdtempSync(join(tmpdir(), 'layerlab-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function csv(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

type Options = Record<string, string | number | boolean>;
const load = (path: string, extra: { x?: string; y?: string; options?: Options } = {}) =>
  loadDataset({ kind: 'file', path, ...extra });

const IRIS = `sepal_length,sepal_width,species
5.1,3.5,setosa
7.0,3.2,versicolor
6.3,3.3,virginica
4.9,3.0,setosa
`;

describe('CSV import', () => {
  it('detects the header, uses the last column as label and sorts class names', async () => {
    const data = await load(csv('iris.csv', IRIS));
    expect(data.descriptor.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(data.descriptor.inputShape).toEqual([2]);
    expect(Array.from(data.labels)).toEqual([0, 1, 2, 0]);
    expect(data.x[2]).toBeCloseTo(7.0, 5);
    expect(data.descriptor.countsPerClass).toEqual([2, 1, 1]);
  });

  it('names the classes from a first "# class_names:" line, in label order, and counts lines from the file', async () => {
    const data = await load(csv('named.csv', '# class_names: circle, square\nx,y,label\n1,2,0\n3,4,1\n5,6,0\n'));
    expect(data.descriptor.classNames).toEqual(['circle', 'square']);
    expect(Array.from(data.labels)).toEqual([0, 1, 0]);
    await expect(load(csv('named-bad-row.csv', '# class_names: a, b\nx,y,label\n1,2,0\n3,x,1\n'))).rejects.toThrow(
      /line 4/,
    );
    await expect(load(csv('named-wrong.csv', '# class_names: a\nx,y,label\n1,2,0\n3,4,1\n'))).rejects.toThrow(
      /names 1 classes.*2 different labels/,
    );
  });

  it('reads a header-less file with numeric labels, sorted numerically', async () => {
    const data = await load(csv('plain.csv', '1,2,10\n3,4,2\n5,6,10\n'));
    expect(data.descriptor.classNames).toEqual(['2', '10']);
    expect(Array.from(data.labels)).toEqual([1, 0, 1]);
    expect(data.count).toBe(3);
  });

  it('picks the label column and feature columns by name or index', async () => {
    const path = csv('cols.csv', 'label,a,b\nx,1,2\ny,3,4\n');
    const data = await load(path, { y: 'label' });
    expect(Array.from(data.x)).toEqual([1, 2, 3, 4]);
    const onlyB = await load(path, { y: '0', x: 'b' });
    expect(Array.from(onlyB.x)).toEqual([2, 4]);
    await expect(load(path, { y: 'nope' })).rejects.toThrow(
      /cols\.csv: no label column "nope" \(columns: label, a, b\)/,
    );
  });

  it('rejects bad rows with their line numbers by default', async () => {
    const path = csv('bad.csv', 'a,b,c\n1,2,x\n1,,y\n1,2\n3,4,z\nq,5,x\n1,NaN,y\n9,9,9\n');
    const error = await load(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as DatasetError).file).toBe(path);
    expect((error as Error).message).toMatch(
      /bad\.csv: 4 bad rows at lines 3, 4, 6, 7 \(line 3: missing value in "b"\)/,
    );
  });

  it('skips bad rows when asked', async () => {
    const path = csv('skip.csv', 'a,b,c\n1,2,x\n1,,y\n3,4,z\n');
    const data = await load(path, { options: { onBadRow: 'skip' } });
    expect(data.count).toBe(2);
    expect(data.descriptor.description).toMatch(/skipped 1 bad rows \(first at line 3\)/);
  });

  it('standardizes or min-max scales features', async () => {
    const path = csv('scale.csv', 'a,b,c\n1,10,x\n2,10,y\n3,10,x\n');
    const std = await load(path, { options: { scale: 'standardize' } });
    expect(std.x[0]).toBeCloseTo(-Math.sqrt(1.5), 5);
    expect(std.x[1]).toBe(0);
    const minmax = await load(path, { options: { scale: 'minmax' } });
    expect(Array.from(minmax.x)).toEqual([0, 0, 0.5, 0, 1, 0]);
    expect(minmax.descriptor.valueRange).toEqual([0, 1]);
    await expect(load(path, { options: { scale: 'log' } })).rejects.toThrow(
      /option scale must be one of none, standardize, minmax/,
    );
  });

  it('quotes nothing from the file in the message a renderer may see', async () => {
    // A file that is not a data set, picked by mistake (or named by a hostile page): its text must not come back.
    const path = csv('notes.csv', 'SECRET_HEADER,token SECRET_A\nSECRET_B,"SECRET_C\nsecret_d,SECRET_E\n');
    const table = csv('table.csv', 'SECRET_X,SECRET_Y\n1,SECRET_1\n2,SECRET_2\nSECRET_Z,3\n');
    const attempts: { path: string; y?: string; x?: string; options?: Options }[] = [
      { path, options: { header: true }, y: 'nope' },
      { path, options: { header: true }, x: 'nope' },
      { path: table, options: { header: true }, y: 'nope' },
      { path: table, options: { header: true }, x: 'SECRET_X', y: 'SECRET_X' },
      { path: table, options: { header: true }, y: '0' },
      { path: table, options: { header: false } },
      { path: table, options: { header: true }, y: 'SECRET_X' },
      { path },
    ];
    for (const { path: file, ...ref } of attempts) {
      const error = (await load(file, ref).catch((e: unknown) => e)) as DatasetError;
      expect(error, JSON.stringify(ref)).toBeInstanceOf(DatasetError);
      expect(error.publicMessage, JSON.stringify(ref)).not.toMatch(/secret/i);
      expect(error.publicMessage).toContain(file);
    }
    // Where the user runs LayerLab (the CLI), the full message still helps them fix the file.
    const full = (await load(table, { options: { header: true }, y: 'nope' }).catch((e: unknown) => e)) as Error;
    expect(full.message).toMatch(/columns: SECRET_X, SECRET_Y/);
  });

  it('reports an empty file and malformed quoting', async () => {
    await expect(load(csv('empty.csv', ''))).rejects.toThrow(/empty\.csv: the file has no rows/);
    await expect(load(csv('quote.csv', 'a,b\n1,"2\n'))).rejects.toThrow(/quote\.csv.*not valid CSV/);
  });
});
