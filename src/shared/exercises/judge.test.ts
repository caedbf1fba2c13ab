import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../graph/analyze-graph';
import type { ModelGraph } from '../graph/model-graph';
import { chain, edge, graphOf, node } from '../graph/testing/fixtures';
import { getCourseExercise } from './course';
import { type CriterionSpec, type Exercise, zExercise } from './exercise';
import { judgeSubmission } from './judge';
import type { RunMeasurements } from './run-measurements';

const XOR = getCourseExercise('xor')!;

/** The XOR exercise judged by other criteria. */
function xorWith(criteria: CriterionSpec[]): Exercise {
  return zExercise.parse({ ...XOR, criteria });
}

const SOLUTION: ModelGraph = {
  ...chain(
    node('input', 'Input', { shape: [2] }),
    node('hidden', 'Dense', { units: 3, activation: 'tanh' }),
    node('output', 'Dense', { units: 2, activation: 'softmax' }),
  ),
  outputId: 'output',
};

const RUN: RunMeasurements = {
  epochs: 30,
  trainAccuracy: 0.99,
  valAccuracy: 0.96,
  valLoss: 0.12,
  reconstructionError: null,
  classNames: ['same sign', 'opposite sign'],
  classRecall: [1, 0.92],
};

function judge(exercise: Exercise, graph: ModelGraph, run: RunMeasurements | null, problems: string[] = []) {
  const analysis = analyzeGraph(graph, { inputShape: [2], numClasses: 2, task: exercise.task });
  return judgeSubmission({ exercise, graph, analysis, run, problems });
}

describe('judgeSubmission', () => {
  it('measures every criterion against its target and adds up the points of those that pass', () => {
    const exercise = xorWith([
      { kind: 'val-accuracy-min', params: { min: 0.9 }, points: 3, hint: 'more' },
      { kind: 'class-recall-min', params: { className: 'same sign', min: 0.8 } },
      { kind: 'class-recall-min', params: { min: 0.95 }, hint: 'every class' },
      { kind: 'overfitting-gap-max', params: { max: 0.05 } },
      { kind: 'params-max', params: { max: 20 }, points: 2 },
      { kind: 'params-min', params: { min: 18 } },
      { kind: 'layers-max', params: { max: 2 } },
      { kind: 'contains-kind', params: { kind: 'Dense', atLeast: 2 } },
      { kind: 'excludes-kind', params: { kind: 'Conv2D' } },
      { kind: 'locked-unchanged' },
    ]);
    const result = judge(exercise, SOLUTION, RUN);
    const rows = result.criteria.map(({ id, passed, measured, measuredText, targetText }) => [
      id,
      passed,
      measured,
      measuredText,
      targetText,
    ]);
    expect(rows).toEqual([
      ['val-accuracy-min', true, 0.96, '96.0 %', '≥ 90.0 %'],
      ['class-recall-min', true, 1, '100.0 %', '≥ 80.0 %'],
      ['class-recall-min-2', false, 0.92, '92.0 % (lowest: opposite sign)', '≥ 95.0 %'],
      ['overfitting-gap-max', true, 0.99 - 0.96, '3.0 %', '≤ 5.0 %'],
      ['params-max', true, 17, '17', '≤ 20'],
      ['params-min', false, 17, '17', '≥ 18'],
      ['layers-max', true, 2, '2', '≤ 2'],
      ['contains-kind', true, 2, '2', '≥ 2'],
      ['excludes-kind', true, 0, '0', '≤ 0'],
      ['locked-unchanged', true, 0, '0 changed', '≤ 0 changed'],
    ]);
    expect(result.criteria.map((criterion) => criterion.description)).toEqual([
      'Validation accuracy ≥ 90.0 %',
      'Recall of class “same sign” ≥ 80.0 %',
      'Recall of every class ≥ 95.0 %',
      'Train − validation accuracy gap ≤ 5.0 %',
      'Parameters (trainable or frozen) ≤ 20',
      'Parameters (trainable or frozen) ≥ 18',
      'At most 2 layers (besides the Input)',
      'Contains at least 2 Dense layers',
      'Contains no Conv2D layer',
      'Locked nodes unchanged',
    ]);
    // 13 points in all; the every-class recall (1) and the parameter minimum (1) fail.
    expect(result).toMatchObject({
      exercise: 'xor',
      passed: false,
      score: 11,
      maxScore: 13,
    });
    expect(result.criteria[2].hint).toBe('every class');
  });

  it('fails the trained criteria as not measured when there is no run, and judges the static ones', () => {
    const result = judge(XOR, SOLUTION, null, ['training failed: the loss became NaN']);
    expect(
      result.criteria.map(({ id, passed, measured, measuredText }) => [id, passed, measured, measuredText]),
    ).toEqual([
      ['val-accuracy-min', false, null, 'not measured'],
      ['params-max', true, 17, '17'],
      ['locked-unchanged', true, 0, '0 changed'],
    ]);
    expect(result).toMatchObject({
      passed: false,
      score: 3,
      maxScore: 6,
      problems: ['training failed: the loss became NaN'],
    });
  });

  it('passes when every criterion passes and nothing went wrong', () => {
    expect(judge(XOR, SOLUTION, RUN)).toMatchObject({ passed: true, score: 6, maxScore: 6, problems: [] });
    expect(judge(XOR, SOLUTION, RUN, ['training did not finish within 900 s']).passed).toBe(false);
  });

  it('counts frozen parameters against a budget: freezing a layer does not fit a model into it', () => {
    const exercise = xorWith([
      { kind: 'params-max', params: { max: 10 } },
      { kind: 'params-min', params: { min: 17 } },
    ]);
    const frozen: ModelGraph = {
      ...SOLUTION,
      nodes: SOLUTION.nodes.map((n) => (n.id === 'hidden' ? { ...n, config: { ...n.config, trainable: false } } : n)),
    };
    // 9 of the 17 parameters are frozen: 8 trainable would fit a budget of 10, but all 17 are counted.
    expect(analyzeGraph(frozen, { inputShape: [2], numClasses: 2 }).trainableParams).toBe(8);
    expect(judge(exercise, frozen, RUN).criteria.map((c) => [c.id, c.measured, c.passed])).toEqual([
      ['params-max', 17, false],
      ['params-min', 17, true],
    ]);
  });

  it('counts only the layers the model is built from: a dangling Conv2D does not satisfy "contains"', () => {
    const exercise = xorWith([
      { kind: 'contains-kind', params: { kind: 'Conv2D', atLeast: 1 } },
      { kind: 'layers-max', params: { max: 2 } },
    ]);
    const withStray = { ...SOLUTION, nodes: [...SOLUTION.nodes, node('stray', 'Conv2D', { filters: 2 })] };
    expect(judge(exercise, withStray, RUN).criteria.map((c) => [c.measured, c.passed])).toEqual([
      [0, false],
      [2, true],
    ]);
  });

  it('names what changed in locked nodes', () => {
    const edited = graphOf(
      [node('input', 'Input', { shape: [2] }), node('output', 'Dense', { units: 2, activation: 'softmax' })],
      [edge('input', 'output')],
      'output',
    );
    const exercise = zExercise.parse({ ...XOR, lockedNodeIds: ['input', 'output'] });
    expect(judge(exercise, SOLUTION, RUN).criteria[2]).toMatchObject({
      passed: false,
      measured: 1,
      measuredText: '1 changed (the connections into Dense "output" were changed)',
    });
    expect(judge(exercise, edited, RUN).criteria[2].passed).toBe(true);
  });

  it('reads the reconstruction error and the validation loss of an autoencoder run', () => {
    const autoencoder = getCourseExercise('autoencoder')!;
    const exercise = zExercise.parse({
      ...autoencoder,
      criteria: [
        { kind: 'reconstruction-error-max', params: { max: 0.045 } },
        { kind: 'val-loss-max', params: { max: 0.03 } },
      ],
    });
    const graph = autoencoder.start.graph;
    const analysis = analyzeGraph(graph, { inputShape: [36, 36, 1], task: 'autoencoder' });
    const run: RunMeasurements = {
      ...RUN,
      trainAccuracy: null,
      valAccuracy: null,
      valLoss: 0.0366,
      reconstructionError: 0.0366,
      classRecall: [],
    };
    const result = judgeSubmission({ exercise, graph, analysis, run });
    expect(result.criteria.map(({ passed, measuredText, targetText }) => [passed, measuredText, targetText])).toEqual([
      [true, '0.0366', '≤ 0.045'],
      [false, '0.0366', '≤ 0.03'],
    ]);
  });
});
