import { describe, expect, it } from 'vitest';
import type { ModelGraph } from '../graph/model-graph';
import { chain, node } from '../graph/testing/fixtures';
import { getCourseExercise } from './course';
import { zExercise } from './exercise';
import { exerciseDatasetProblems, planCheck } from './plan-check';
import { estimateModelCost, SUBMISSION_LIMITS } from './submission-limits';
import { modelNodesOf } from './judge';
import { analyzeGraph } from '../graph/analyze-graph';

const CNN = getCourseExercise('cnn')!;
const FONTS = { inputShape: [36, 36, 1], classNames: ['a', 'b', 'c', 'd', 'e'] };
const TRAINING = CNN.start.training;

function fontsChain(...layers: Parameters<typeof node>[]): ModelGraph {
  return { ...chain(node('input', 'Input', { shape: [36, 36, 1] }), ...layers.map((args) => node(...args))) };
}

const COURSE_CNN = fontsChain(
  ['conv', 'Conv2D', { filters: 4, kernelSize: [5, 5], padding: 'same', activation: 'relu' }],
  ['pool', 'MaxPool2D', { poolSize: [2, 2] }],
  ['flatten', 'Flatten', {}],
  ['hidden', 'Dense', { units: 32, activation: 'relu' }],
  ['output', 'Dense', { units: 5, activation: 'softmax' }],
);

describe('planCheck', () => {
  it("trains a valid submission on the exercise's data, task and rules", () => {
    const plan = planCheck(CNN, { graph: COURSE_CNN, training: { ...TRAINING, epochs: 10, seed: 99 } }, FONTS, 'cpu');
    expect(plan.refusals).toEqual([]);
    expect(plan.request).toEqual({
      graph: COURSE_CNN,
      training: { ...TRAINING, epochs: 3, seed: 1, backend: 'cpu' },
      dataset: { kind: 'builtin', id: 'fonts' },
      task: 'classification',
    });
    expect(plan.ruled.adjustments).toEqual([
      'seed 99 → 1: fixed by the exercise',
      "epochs 10 → 3: the exercise's budget",
    ]);
  });

  it('refuses an invalid graph, naming its problems', () => {
    const broken = fontsChain(
      ['hidden', 'Dense', { units: 32 }],
      ['output', 'Dense', { units: 5, activation: 'softmax' }],
    );
    const plan = planCheck(CNN, { graph: broken, training: TRAINING }, FONTS);
    expect(plan.request).toBeNull();
    expect(plan.refusals).toEqual([
      'the graph has a problem: Output Dense "output" gives shape [36, 36, 5], but a classifier needs one score per class, shape [5]. Dense "hidden" receives [36, 36, 1] and works on its last axis only: insert a Flatten before it.',
    ]);
  });

  it('refuses a model over the budget criterion before training', () => {
    const feedForward = fontsChain(
      ['flatten', 'Flatten', {}],
      ['hidden', 'Dense', { units: 128, activation: 'sigmoid' }],
      ['output', 'Dense', { units: 5, activation: 'softmax' }],
    );
    const plan = planCheck(CNN, { graph: feedForward, training: TRAINING }, FONTS);
    expect(plan.request).toBeNull();
    expect(plan.refusals).toEqual(['over budget: Parameters (trainable or frozen) ≤ 50,000, but measured 166,661']);
  });

  it('refuses layer kinds the exercise does not offer, such as a hand-edited file could add', () => {
    const withBatchNorm = fontsChain(
      ['conv', 'Conv2D', { filters: 4, kernelSize: [5, 5], padding: 'same', activation: 'relu' }],
      ['norm', 'BatchNorm', {}],
      ['pool', 'MaxPool2D', { poolSize: [2, 2] }],
      ['flatten', 'Flatten', {}],
      ['output', 'Dense', { units: 5, activation: 'softmax' }],
    );
    expect(planCheck(CNN, { graph: withBatchNorm, training: TRAINING }, FONTS).refusals).toEqual([
      'the model uses BatchNorm, which this exercise does not offer (it offers Conv2D, MaxPool2D, AvgPool2D, Flatten, Dense, Dropout, Activation, Input)',
    ]);
  });

  it('refuses settings that break the rules', () => {
    const plan = planCheck(CNN, { graph: COURSE_CNN, training: { ...TRAINING, learningRate: 0.5 } }, FONTS);
    expect(plan.refusals).toEqual(['learning rate 0.5 is outside the allowed range 0.0001 to 0.01']);
  });

  it('refuses a hostile model by the hard limits, whatever the exercise asks, in bounded time', () => {
    const open = zExercise.parse({ ...CNN, criteria: [{ kind: 'val-accuracy-min', params: { min: 0.5 } }] });
    const huge = fontsChain(
      ['flatten', 'Flatten', {}],
      ['hidden', 'Dense', { units: 1e9 }],
      ['output', 'Dense', { units: 5, activation: 'softmax' }],
    );
    const started = performance.now();
    const plan = planCheck(open, { graph: huge, training: TRAINING }, FONTS);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(plan.request).toBeNull();
    // The analysis' own limits (shared/graph/graph-limits.ts) refuse it first, as they would any training.
    expect(plan.refusals).toEqual([
      'the graph has a problem: Dense "hidden" would have 1,297,000,000,000 parameters; a layer may have at most 100,000,000. Use fewer units or filters, or a smaller input.',
      'the graph has a problem: Dense "hidden" would output 1,000,000,000 values per sample; at most 16,000,000 can be trained. Use fewer units or filters, or pool first.',
      'the graph has a problem: Dense "output" would have 5,000,000,005 parameters; a layer may have at most 100,000,000. Use fewer units or filters, or a smaller input.',
      'the graph has a problem: The model would have 1,302,000,000,005 parameters; LayerLab builds at most 200,000,000.',
    ]);
    // Within the analysis' limits but over the checks' budgets: 3 million parameters per layer is fine to build.
    const heavy = fontsChain(
      ['flatten', 'Flatten', {}],
      ['hidden', 'Dense', { units: 5000 }],
      ['output', 'Dense', { units: 5, activation: 'softmax' }],
    );
    expect(planCheck(open, { graph: heavy, training: TRAINING }, FONTS).refusals).toEqual([
      'the model has 6,510,005 parameters; checks train at most 5,000,000',
    ]);

    // Few parameters, but 780 million operations per image: bounded by work, not by weights.
    const wideConv = fontsChain(
      ['conv', 'Conv2D', { filters: 512, kernelSize: [3, 3], padding: 'same' }],
      ['conv2', 'Conv2D', { filters: 64, kernelSize: [3, 3], padding: 'same' }],
      ['flatten', 'Flatten', {}],
      ['output', 'Dense', { units: 5, activation: 'softmax' }],
    );
    expect(planCheck(open, { graph: wideConv, training: TRAINING }, FONTS).refusals).toEqual([
      'the model needs about 780 million operations per sample; checks allow at most 30 million (use fewer filters or units, or pool earlier)',
    ]);
  });

  it('reports a class the data set does not have as the exercise’s problem', () => {
    const exercise = zExercise.parse({
      ...CNN,
      criteria: [...CNN.criteria, { kind: 'class-recall-min', params: { className: 'gothic', min: 0.5 } }],
    });
    expect(exerciseDatasetProblems(exercise, FONTS)).toEqual([
      'criterion class-recall-min: the data set has no class "gothic" (classes: a, b, c, d, e)',
    ]);
    expect(exerciseDatasetProblems(CNN, FONTS)).toEqual([]);
  });
});

describe('estimateModelCost', () => {
  it('counts the weights, the work per sample and the values kept for the backward pass', () => {
    const analysis = analyzeGraph(COURSE_CNN, { inputShape: [36, 36, 1], numClasses: 5 });
    const cost = estimateModelCost(modelNodesOf(COURSE_CNN, analysis), analysis);
    expect(cost.params).toBe(41_773);
    // Conv: 104 weights at 36·36 positions; Dense: 41,504 + 165 weights once; plus one touch per output value.
    const outputs = 36 * 36 * 1 + 36 * 36 * 4 + 18 * 18 * 4 + 1296 + 32 + 5;
    expect(cost.flopsPerSample).toBe(2 * 104 * 36 * 36 + 2 * 41_504 + 2 * 165 + outputs);
    expect(cost.activationsPerSample).toBe(outputs);
    expect(cost.flopsPerSample).toBeLessThan(SUBMISSION_LIMITS.flopsPerSample);
  });
});
