import { describe, expect, it } from 'vitest';
import { bytesToBase64 } from '../base64';
import { parseProjectFile, PROJECT_VERSION, serializeProject } from '../graph/project-file';
import { getTemplate } from '../templates';
import { RUN_LIMITS, runsToKeep, runTitle, type SavedRun } from './saved-run';

const XOR = getTemplate('xor-mlp')!;

function run(number: number, weightBytes = 168): SavedRun {
  return {
    number,
    name: 'XOR',
    startedAt: '2025-01-01T10:00:00.000Z',
    status: 'done',
    request: { graph: XOR.graph, training: XOR.training, dataset: XOR.dataset, task: XOR.task, views: true },
    backend: 'cpu',
    params: 42,
    trainSize: 360,
    valSize: 40,
    classNames: ['same sign', 'opposite sign'],
    history: [{ epoch: 1, loss: 0.7, accuracy: 0.5, valLoss: 0.69, valAccuracy: 0.55 }],
    gradientNorms: { layers: ['dense-1', 'dense-2'], epochs: [[0.1, 0.2]] },
    confusionMatrix: [
      [10, 10],
      [8, 12],
    ],
    perClass: [
      { precision: 0.5, recall: 0.5, f1: 0.5 },
      { precision: 0.5, recall: 0.6, f1: 0.55 },
    ],
    seconds: 1.5,
    snapshots: [],
    weights: {
      specs: [{ name: 'dense-1/kernel', shape: [weightBytes / 4], dtype: 'float32' }],
      data: bytesToBase64(new Uint8Array(weightBytes)),
    },
  };
}

describe('saved runs', () => {
  it('keep weights for the latest runs only, and only within the size limit', () => {
    const runs = [1, 2, 3, 4, 5].map((n) => run(n));
    const kept = runsToKeep(runs);
    expect(kept.map((r) => r.weights !== undefined)).toEqual([false, false, true, true, true]);
    expect(kept.map((r) => r.history)).toEqual(runs.map((r) => r.history));
    const huge = runsToKeep([run(1, RUN_LIMITS.weightBytes + 4)]);
    expect(huge[0].weights).toBeUndefined();
    expect(runsToKeep(Array.from({ length: RUN_LIMITS.runs + 5 }, (_, i) => run(i + 1)))[0].number).toBe(6);
  });

  it('are written into the project file and read back', () => {
    const runs = runsToKeep([run(1), run(2)]);
    const text = serializeProject({
      format: 'layerlab',
      version: PROJECT_VERSION,
      graph: XOR.graph,
      training: XOR.training,
      dataset: XOR.dataset,
      task: XOR.task,
      runs,
    });
    const parsed = parseProjectFile(text);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.project.runs).toEqual(runs);
    expect(parsed.project.runs!.map(runTitle)).toEqual(['Run 1', 'Run 2']);
  });

  it('name the broken field of a damaged run', () => {
    const text = serializeProject({
      format: 'layerlab',
      version: PROJECT_VERSION,
      graph: XOR.graph,
      training: XOR.training,
      dataset: XOR.dataset,
      task: XOR.task,
      runs: [{ ...run(1), history: [{ epoch: 0 } as never] }],
    });
    const parsed = parseProjectFile(text);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toMatch(/runs\[0\]\.history\[0\]/);
  });
});
