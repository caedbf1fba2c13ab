import { describe, expect, it } from 'vitest';
import { chain, node } from '../../../shared/graph/testing/fixtures';
import { planLayers } from '../export-plan';
import { describeWeightMatch, matchWeights, requireAllWeights } from './match-weights';
import type { NamedWeights, WeightTensor } from './named-weights';
import { groupWeightsByLayer } from './named-weights';

const tensor = (...shape: number[]): WeightTensor => ({
  shape,
  values: new Float32Array(shape.reduce((a, b) => a * b, 1)),
});

// Matching needs only the layers (planLayers), not how the model is trained: a run can reuse any model's weights.
const plan = planLayers(
  chain(
    node('in', 'Input', { shape: [4] }),
    node('encoder', 'Dense', { units: 3 }),
    node('norm', 'BatchNorm'),
    node('head', 'Dense', { units: 2, activation: 'softmax' }),
  ),
  'test',
);

describe('matching weights by layer name and shape', () => {
  const source: NamedWeights = groupWeightsByLayer(
    new Map([
      ['encoder/kernel', tensor(4, 3)],
      ['encoder/bias', tensor(3)],
      ['head/kernel', tensor(5, 2)],
      ['head/bias', tensor(2)],
      ['decoder/kernel', tensor(3, 4)],
    ]),
  );

  it('reuses what fits and reports the rest, layer by layer', () => {
    const match = matchWeights(plan, source);
    expect(match.matched).toEqual(['encoder']);
    expect(match.missing).toEqual(['norm']);
    expect(match.mismatched).toEqual([{ layer: 'head', reason: 'kernel is [5, 2], expected [3, 2]' }]);
    expect(match.unused).toEqual(['decoder']);
    expect([...match.weights.keys()]).toEqual(['encoder']);
    expect(describeWeightMatch(match)).toEqual([
      'reused: encoder',
      'not found (initialized fresh): norm',
      'not reused: head (kernel is [5, 2], expected [3, 2])',
      'ignored from the source: decoder',
    ]);
  });

  it('insists on every layer when a complete model is exported', () => {
    expect(() => requireAllWeights(matchWeights(plan, source), 'run-1')).toThrow(
      'The weights in run-1 do not fit this model: layer "norm" has no weights there; layer "head": kernel is [5, 2], expected [3, 2]',
    );
  });

  it('names missing and unexpected roles', () => {
    const partial: NamedWeights = new Map([
      [
        'encoder',
        new Map([
          ['kernel', tensor(4, 3)],
          ['gamma', tensor(3)],
        ]),
      ],
    ]);
    expect(matchWeights(plan, partial).mismatched).toEqual([{ layer: 'encoder', reason: 'no bias; unexpected gamma' }]);
  });

  it('reads Keras-style names: scopes before the layer, :0 suffixes', () => {
    const grouped = groupWeightsByLayer(new Map([['model/conv2d/kernel:0', tensor(1)]]));
    expect([...grouped.keys()]).toEqual(['model/conv2d']);
    expect([...grouped.get('model/conv2d')!.keys()]).toEqual(['kernel']);
  });
});
