import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { getCourseExercise } from '../../shared/exercises/course';
import { zExercise } from '../../shared/exercises/exercise';
import { ExerciseError } from './exercise-error';
import { findSubmissions, gradeDirectory } from './grade-directory';
import { classifierRun, scriptedHost } from './testing/scripted-host';

const XOR = getCourseExercise('xor')!;
const SOLUTIONS = fileURLToPath(new URL('./testing/solutions/', import.meta.url));
const reference = readFileSync(path.join(SOLUTIONS, 'xor.reference.layerlab.json'), 'utf8');
const naive = readFileSync(path.join(SOLUTIONS, 'xor.naive.layerlab.json'), 'utf8');

const root = mkdtempSync(path.join(tmpdir(), 'layerlab-grade-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A class folder: good and bad submissions, hostile files, links out of the folder and files that are not projects. */
function classFolder(): string {
  const dir = path.join(root, 'class');
  const outside = path.join(root, 'outside');
  mkdirSync(path.join(dir, 'ana'), { recursive: true });
  mkdirSync(path.join(dir, 'ben', 'deep', 'er'), { recursive: true });
  mkdirSync(outside, { recursive: true });
  writeFileSync(path.join(dir, 'ana', 'xor.layerlab.json'), reference);
  writeFileSync(path.join(dir, 'ben', 'deep', 'er', 'xor.layerlab.json'), naive);
  writeFileSync(path.join(dir, 'truncated.layerlab.json'), reference.slice(0, 300));
  writeFileSync(
    path.join(dir, 'nested.layerlab.json'),
    `{"format":"layerlab","graph":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
  );
  const hostile = JSON.parse(reference);
  hostile.graph.nodes.find((node: { id: string }) => node.id === 'hidden').config.units = 1e9;
  writeFileSync(path.join(dir, 'huge-model.layerlab.json'), JSON.stringify(hostile));
  writeFileSync(
    path.join(dir, 'unknown-kind.layerlab.json'),
    reference.replace('"kind": "Dense"', '"kind": "Transformer"'),
  );
  writeFileSync(path.join(dir, 'giant-file.layerlab.json'), '');
  truncateSync(path.join(dir, 'giant-file.layerlab.json'), 40 * 1024 * 1024); // sparse: no disk used
  writeFileSync(path.join(outside, 'secret.layerlab.json'), reference);
  symlinkSync(path.join(outside, 'secret.layerlab.json'), path.join(dir, 'link.layerlab.json'));
  symlinkSync(outside, path.join(dir, 'linked-folder'));
  writeFileSync(path.join(dir, 'notes.txt'), 'not a project');
  writeFileSync(path.join(dir, 'task.layerlab-exercise.json'), '{}');
  return dir;
}

const dir = classFolder();

/** A pretend run: accuracy 97 % for a model with a hidden layer, 50 % for a linear one. */
const host = scriptedHost((request) => {
  const hidden = request.graph.nodes.length > 2;
  return classifierRun(request, {
    accuracy: hidden ? 0.98 : 0.5,
    valAccuracy: hidden ? 0.97 : 0.5,
    confusionMatrix: hidden
      ? [
          [49, 1],
          [2, 48],
        ]
      : [
          [50, 0],
          [50, 0],
        ],
    classNames: ['same sign', 'opposite sign'],
  });
});

describe('gradeDirectory', () => {
  it('finds project files recursively, without following links out of the folder', async () => {
    expect(await findSubmissions(dir)).toEqual([
      'ana/xor.layerlab.json',
      'ben/deep/er/xor.layerlab.json',
      'giant-file.layerlab.json',
      'huge-model.layerlab.json',
      'link.layerlab.json',
      'nested.layerlab.json',
      'truncated.layerlab.json',
      'unknown-kind.layerlab.json',
    ]);
  });

  it('gives every file a row: a result, or the reason there is none, and never stops the batch', async () => {
    const finished: string[] = [];
    const rows = await gradeDirectory(XOR, dir, { createHost: host, jobs: 3, onRow: (row) => finished.push(row.file) });
    expect(finished.sort()).toEqual(rows.map((row) => row.file));
    const summary = Object.fromEntries(
      rows.map((row) => [
        row.file,
        row.result ? `${row.result.score}/${row.result.maxScore} ${row.result.problems.join('; ')}`.trim() : row.error,
      ]),
    );
    expect(summary).toEqual({
      'ana/xor.layerlab.json': '6/6',
      'ben/deep/er/xor.layerlab.json': '3/6',
      'giant-file.layerlab.json': 'the file has 41,943,040 bytes, more than a project file may (33,554,432)',
      // The analysis' own limits (shared/graph/graph-limits.ts) refuse it before the checks' budget is looked at.
      'huge-model.layerlab.json': expect.stringMatching(
        /^1\/6 the graph has a problem: Dense "hidden" would have [\d,]+ parameters; a layer may have at most 100,000,000/,
      ),
      'link.layerlab.json': 'a symbolic link: not followed',
      'nested.layerlab.json': 'the file nests lists or objects more than 64 levels deep',
      'truncated.layerlab.json': expect.stringMatching(/^not JSON: .*\(file truncated\?\)$/),
      'unknown-kind.layerlab.json': "graph.nodes[1].kind: 'Transformer' is not a layer kind",
    });
  });

  it('refuses a broken exercise once, before reading any file', async () => {
    const broken = zExercise.parse({ ...XOR, dataset: { kind: 'builtin', id: 'mnist' } });
    await expect(gradeDirectory(broken, dir, { createHost: host })).rejects.toThrow(ExerciseError);
  });
});
