import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COURSE_EXERCISES } from '../../shared/exercises/course';
import type { ExerciseResult } from '../../shared/exercises/exercise-result';
import { parseProjectFile } from '../../shared/graph/project-file';
import { checkSubmission } from './check-submission';

/**
 * Every built-in exercise against its teacher's reference solution (must pass) and a naive attempt (must fail, and on
 * the criteria the exercise is about), through the real runner: a forked training process on the CPU backend.
 * The targets were set from these runs with a margin (see the table printed at the end), so that small numeric
 * differences, e.g. from faster kernels, never flip a check.
 */
const SOLUTIONS = fileURLToPath(new URL('./testing/solutions/', import.meta.url));

/** The criteria each naive attempt must fail: the lesson of the exercise. Every other criterion passes. */
const NAIVE_FAILS: Record<string, string[]> = {
  'lr-baseline': ['val-accuracy-min'], // learning rate 0.001: far too slow for 10 epochs
  'feed-forward': ['contains-kind', 'params-min'], // one hidden layer instead of two
  cnn: ['params-max', 'contains-kind', 'val-accuracy-min'], // the feed-forward net: over budget, not trained
  'vanishing-gradients': ['val-accuracy-min'], // the starting sigmoid net stays at chance
  dropout: ['overfitting-gap-max', 'contains-kind'], // the starting net, no Dropout: overfits
  maxout: ['contains-kind'], // ReLU is fine, but the exercise is Maxout
  optimizers: ['val-accuracy-min'], // SGD at 0.01 for 2 epochs
  autoencoder: ['reconstruction-error-max'], // a code of 4 numbers
  xor: ['val-accuracy-min'], // a linear model
};

interface Outcome {
  result: ExerciseResult;
  seconds: number;
}
const outcomes = new Map<string, Outcome>();

async function check(exerciseId: string, which: 'reference' | 'naive'): Promise<void> {
  const exercise = COURSE_EXERCISES.find((candidate) => candidate.id === exerciseId)!;
  const text = readFileSync(path.join(SOLUTIONS, `${exerciseId}.${which}.layerlab.json`), 'utf8');
  const parsed = parseProjectFile(text);
  if (!parsed.ok) throw new Error(`${exerciseId}.${which}: ${parsed.error}`);
  const started = performance.now();
  const result = await checkSubmission(exercise, parsed.project, { backend: 'cpu' });
  outcomes.set(`${exerciseId}.${which}`, { result, seconds: (performance.now() - started) / 1000 });
}

beforeAll(async () => {
  // Each check trains in its own process; leave a core to the other test worker (vitest runs two).
  const parallel = Math.max(1, availableParallelism() - 1);
  const queue = COURSE_EXERCISES.flatMap((exercise) => [
    () => check(exercise.id, 'reference'),
    () => check(exercise.id, 'naive'),
  ]);
  const worker = async () => {
    while (queue.length > 0) await queue.shift()!();
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}, 30 * 60_000);

afterAll(() => {
  const lines = [...outcomes].map(([name, { result, seconds }]) => {
    const criteria = result.criteria.map((c) => `${c.id} ${c.measuredText} ${c.targetText}${c.passed ? '' : ' FAIL'}`);
    return `${name.padEnd(30)} ${seconds.toFixed(1).padStart(6)} s  ${result.score}/${result.maxScore}  ${criteria.join('; ')}`;
  });
  console.log(`Course pack checks (measured vs target, wall time):\n${lines.join('\n')}`);
});

describe('the course pack', () => {
  it('has a reference solution and a naive attempt for every exercise', () => {
    expect(Object.keys(NAIVE_FAILS).sort()).toEqual(COURSE_EXERCISES.map((exercise) => exercise.id).sort());
  });

  for (const exercise of COURSE_EXERCISES) {
    it(`${exercise.id}: the reference solution passes every criterion`, () => {
      const { result } = outcomes.get(`${exercise.id}.reference`)!;
      expect(result.problems).toEqual([]);
      expect(result.criteria.filter((criterion) => !criterion.passed)).toEqual([]);
      expect(result).toMatchObject({ exercise: exercise.id, passed: true });
      expect(result.score).toBe(result.maxScore);
    });

    it(`${exercise.id}: the naive attempt fails on the criteria the exercise is about`, () => {
      const { result } = outcomes.get(`${exercise.id}.naive`)!;
      expect(result.passed).toBe(false);
      const failed = result.criteria.filter((criterion) => !criterion.passed).map((criterion) => criterion.id);
      expect(failed.sort()).toEqual([...NAIVE_FAILS[exercise.id]].sort());
    });
  }
});
