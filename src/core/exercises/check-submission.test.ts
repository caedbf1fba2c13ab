import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getCourseExercise } from '../../shared/exercises/course';
import { zExercise } from '../../shared/exercises/exercise';
import { zExerciseResult } from '../../shared/exercises/exercise-result';
import { parseProjectFile } from '../../shared/graph/project-file';
import type { Submission } from '../../shared/exercises/plan-check';
import { checkSubmission, exerciseDataset } from './check-submission';
import { ExerciseError } from './exercise-error';
import { readSubmission } from './read-files';
import { classifierRun, scriptedHost } from './testing/scripted-host';

const XOR = getCourseExercise('xor')!;
const SOLUTIONS = fileURLToPath(new URL('./testing/solutions/', import.meta.url));

function solution(name: string): Submission {
  const parsed = parseProjectFile(readFileSync(path.join(SOLUTIONS, `${name}.layerlab.json`), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error);
  return { graph: parsed.project.graph, training: parsed.project.training };
}

const REFERENCE = solution('xor.reference');
const NEVER = () => {
  throw new Error('a refused submission must not start a training process');
};

describe('checkSubmission with a real training process', () => {
  it('retrains from scratch with the exercise seed: same submission, same values bit for bit; the student seed changes nothing', async () => {
    const tampered: Submission = { ...REFERENCE, training: { ...REFERENCE.training, seed: 999, epochs: 500 } };
    const [first, second, third] = await Promise.all([
      checkSubmission(XOR, REFERENCE, { backend: 'cpu' }),
      checkSubmission(XOR, REFERENCE, { backend: 'cpu' }),
      checkSubmission(XOR, tampered, { backend: 'cpu' }),
    ]);
    expect(zExerciseResult.parse(first)).toEqual(first);
    expect(first.passed).toBe(true);
    expect(second).toEqual(first);
    expect(third.criteria).toEqual(first.criteria);
    expect(third.run).toEqual(first.run);
    expect(third.adjustments).toEqual([
      'seed 999 → 1: fixed by the exercise',
      "epochs 500 → 30: the exercise's budget",
    ]);
  });
});

describe('checkSubmission decisions', () => {
  it('reads only the graph and the training settings of a project file, never stored weights or history', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'layerlab-check-'));
    try {
      const file = path.join(dir, 'stored.layerlab.json');
      const raw = JSON.parse(readFileSync(path.join(SOLUTIONS, 'xor.reference.layerlab.json'), 'utf8'));
      writeFileSync(file, JSON.stringify({ ...raw, weights: { data: [1, 2, 3] }, history: [{ valAccuracy: 1 }] }));
      expect(await readSubmission(file)).toEqual({ ok: true, submission: REFERENCE });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('judges a refused submission without starting a training process', async () => {
    const overBudget = solution('xor.reference');
    overBudget.graph.nodes.find((node) => node.id === 'hidden')!.config.units = 50;
    const result = await checkSubmission(XOR, overBudget, { createHost: NEVER });
    expect(result).toMatchObject({ passed: false, score: 1, run: null });
    expect(result.problems).toEqual(['over budget: Parameters (trainable or frozen) ≤ 20, but measured 252']);
    expect(result.criteria[0]).toMatchObject({ id: 'val-accuracy-min', measured: null, measuredText: 'not measured' });
  });

  it('sends the exercise data, task and rules to the engine and judges what the run measured', async () => {
    const log = { requests: [] as unknown[], disposed: 0 };
    const host = scriptedHost(
      (request) =>
        classifierRun(request, {
          accuracy: 0.97,
          valAccuracy: 0.93,
          confusionMatrix: [
            [48, 2],
            [5, 45],
          ],
          classNames: ['same sign', 'opposite sign'],
        }),
      log as never,
    );
    const result = await checkSubmission(
      XOR,
      { ...REFERENCE, training: { ...REFERENCE.training, backend: 'cpu-stock' } },
      {
        createHost: host,
        backend: 'cpu',
      },
    );
    expect(log.requests).toEqual([
      {
        graph: REFERENCE.graph,
        training: { ...REFERENCE.training, backend: 'cpu' },
        dataset: { kind: 'builtin', id: 'xor' },
        task: 'classification',
      },
    ]);
    expect(log.disposed).toBe(1);
    expect(result).toMatchObject({ passed: true, score: 6 });
    expect(result.run).toEqual({
      backend: 'cpu',
      epochs: 30,
      optimizer: 'adam',
      learningRate: 0.05,
      batchSize: 32,
      loss: 'categoricalCrossentropy',
      seed: 1,
      validationSplit: 0.25,
    });
  });

  it('turns a failed run into a problem the student can act on, and an engine bug into an error', async () => {
    const diverged = scriptedHost(() => [
      { type: 'error', code: 'diverged', message: 'Training diverged: the loss became NaN' },
    ]);
    const result = await checkSubmission(XOR, REFERENCE, { createHost: diverged });
    expect(result.problems).toEqual(['training failed: Training diverged: the loss became NaN']);
    expect(result).toMatchObject({ passed: false, score: 3 });

    const crashed = scriptedHost(() => [
      { type: 'error', code: 'crashed', message: 'The training process was killed (SIGKILL)' },
    ]);
    expect((await checkSubmission(XOR, REFERENCE, { createHost: crashed })).problems).toEqual([
      'training failed: The training process was killed (SIGKILL)',
    ]);

    const broken = scriptedHost(() => [
      { type: 'error', code: 'internal', message: 'Internal error in the training engine: x' },
    ]);
    await expect(checkSubmission(XOR, REFERENCE, { createHost: broken })).rejects.toThrow('Internal error');
  });

  it('stops waiting after the time limit and disposes of the run', async () => {
    const log = { requests: [] as unknown[], disposed: 0 };
    const silent = scriptedHost(() => [], log as never);
    const result = await checkSubmission(XOR, REFERENCE, { createHost: silent, timeoutMs: 50 });
    expect(result.problems).toEqual(['training did not finish within 0.05 s']);
    expect(log.disposed).toBe(1);
  });

  it('can be stopped: the training process is disposed of and there is no result', async () => {
    const log = { requests: [] as unknown[], disposed: 0 };
    const controller = new AbortController();
    const checking = checkSubmission(XOR, REFERENCE, {
      createHost: scriptedHost(() => [], log as never),
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error('stopped by the student')), 20);
    await expect(checking).rejects.toThrow('stopped by the student');
    expect(log.disposed).toBe(1);
  });

  it('blames a broken exercise on the exercise', () => {
    const noData = zExercise.parse({ ...XOR, dataset: { kind: 'builtin', id: 'mnist' } });
    expect(() => exerciseDataset(noData)).toThrow(ExerciseError);
    expect(() => exerciseDataset(noData)).toThrow('data set "mnist" is not built in (built in: fonts, xor');
  });
});
