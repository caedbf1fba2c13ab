import { describe, expect, it } from 'vitest';
import { setConfigValue } from '../graph/graph-edits';
import type { StartTrainingRequest } from '../ipc/training-protocol';
import { getTemplate } from '../templates';
import { diffRuns } from './run-diff';

const FF = getTemplate('feed-forward')!;
const base: StartTrainingRequest = { graph: FF.graph, training: FF.training, dataset: FF.dataset, task: FF.task };

describe('diffRuns', () => {
  it('lists nothing for identical runs and nothing for a single run', () => {
    expect(diffRuns([base, base])).toEqual([]);
    expect(diffRuns([base])).toEqual([]);
  });

  it('names the changed settings and layers with each run’s value', () => {
    const dense = FF.graph.nodes.find((n) => n.kind === 'Dense')!;
    const changed: StartTrainingRequest = {
      ...base,
      graph: setConfigValue(FF.graph, dense.id, 'activation', 'relu'),
      training: { ...base.training, optimizer: 'sgd', learningRate: 0.1 },
    };
    const rows = diffRuns([base, changed]);
    expect(rows.map((r) => [r.group, r.label])).toEqual([
      ['setting', 'Optimizer'],
      ['setting', 'Learning rate'],
      ['layer', `Dense (${dense.id})`],
    ]);
    expect(rows[0].values).toEqual(['Adam', 'SGD']);
    expect(rows[2].values[0]).toMatch(/^Dense .*sigmoid/);
    expect(rows[2].values[1]).toMatch(/^Dense .*relu/);
  });

  it('shows where the weights started when the runs differ in it', () => {
    const fromRun: StartTrainingRequest = { ...base, startFrom: { kind: 'run', run: 1 } };
    const fromImport: StartTrainingRequest = { ...base, startFrom: { kind: 'imported' } };
    expect(diffRuns([base, fromRun, fromImport])).toEqual([
      { group: 'setting', label: 'Start from', values: ['New random weights', 'Run 1', 'Imported model weights'] },
    ]);
  });

  it('shows an added or removed layer as missing in the runs without it, and the rewiring', () => {
    const cnn = getTemplate('cnn')!;
    const dropout = cnn.graph.nodes.find((n) => n.kind === 'Dropout')!;
    const before = cnn.graph.edges.find((e) => e.target === dropout.id)!;
    const after = cnn.graph.edges.find((e) => e.source === dropout.id)!;
    const without = {
      ...cnn.graph,
      nodes: cnn.graph.nodes.filter((n) => n.id !== dropout.id),
      edges: [
        ...cnn.graph.edges.filter((e) => e !== before && e !== after),
        { id: 'bypass', source: before.source, target: after.target },
      ],
    };
    const rows = diffRuns([
      { graph: cnn.graph, training: cnn.training, dataset: cnn.dataset, task: cnn.task },
      { graph: without, training: cnn.training, dataset: cnn.dataset, task: cnn.task },
    ]);
    expect(rows.find((r) => r.group === 'layer')!.values).toEqual(['Dropout rate 0.25', '—']);
    expect(rows.find((r) => r.group === 'wiring')).toBeDefined();
  });
});
