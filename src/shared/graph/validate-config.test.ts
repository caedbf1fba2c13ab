import { describe, expect, it } from 'vitest';
import { checkFieldValue, validateNodeConfig } from './validate-config';
import { getLayerDefinition } from '../layers/catalogue';
import { node } from './testing/fixtures';
import type { LayerKind } from './model-graph';

const field = (kind: LayerKind, key: string) => getLayerDefinition(kind).fields.find((f) => f.key === key)!;
const messages = (n: ReturnType<typeof node>) => validateNodeConfig(n).map((problem) => problem.message);

describe('validateNodeConfig', () => {
  it('accepts defaults for every kind', () => {
    for (const kind of [
      'Input',
      'Dense',
      'Conv2D',
      'MaxPool2D',
      'Dropout',
      'Maxout',
      'Activation',
      'BatchNorm',
      'Concatenate',
      'GaussianNoise',
      'Reshape',
    ] as const) {
      expect(validateNodeConfig(node('x', kind))).toEqual([]);
    }
  });

  it('names node, field and allowed range', () => {
    expect(messages(node('d1', 'Dense', { units: -3 }))).toEqual([
      'Dense "d1": units must be an integer ≥ 1 (got -3).',
    ]);
    expect(messages(node('c', 'Conv2D', { filters: 2.5 }))).toEqual([
      'Conv2D "c": filters must be an integer ≥ 1 (got 2.5).',
    ]);
    expect(messages(node('dr', 'Dropout', { rate: 1 }))).toEqual([
      'Dropout "dr": rate must be a number in [0, 1) (got 1).',
    ]);
    expect(messages(node('dr', 'Dropout', { rate: -0.1 }))).toEqual([
      'Dropout "dr": rate must be a number in [0, 1) (got -0.1).',
    ]);
    expect(messages(node('bn', 'BatchNorm', { momentum: 0, epsilon: 0 }))).toEqual([
      'BatchNorm "bn": momentum must be a number in (0, 1) (got 0).',
      'BatchNorm "bn": epsilon must be a number > 0 (got 0).',
    ]);
    expect(messages(node('m', 'Maxout', { pieces: 1 }))).toEqual([
      'Maxout "m": pieces must be an integer ≥ 2 (got 1).',
    ]);
    expect(messages(node('a', 'Activation', { activation: 'swish' }))[0]).toContain(
      'activation must be one of relu, sigmoid',
    );
    expect(messages(node('c', 'Conv2D', { kernelSize: [5] }))[0]).toBe(
      'Conv2D "c": kernelSize must be two integers ≥ 1 [height, width] (got [5]).',
    );
    expect(messages(node('c', 'Conv2D', { padding: 'full', useBias: 'yes' }))).toHaveLength(2);
    expect(messages(node('i', 'Input', { shape: [36, 0, 1] }))[0]).toContain(
      'shape must be a non-empty list of positive integers',
    );
    expect(messages(node('i', 'Input', { shape: [] }))).toHaveLength(1);
    expect(messages(node('n', 'GaussianNoise', { stddev: -1 }))[0]).toContain('stddev must be a number ≥ 0');
    expect(messages(node('d', 'Dense', { units: '8' }))[0]).toBe('Dense "d": units must be an integer ≥ 1 (got "8").');
  });

  it('uses the label when there is one and offers a reset to the default', () => {
    const [problem] = validateNodeConfig(node('d1', 'Dense', { units: 0 }, 'hidden'));
    expect(problem.message.startsWith('Dense "hidden"')).toBe(true);
    expect(problem.fix).toEqual({
      type: 'set-config',
      nodeId: 'd1',
      key: 'units',
      value: 32,
      label: 'Reset units to 32',
    });
  });

  it('lets pool strides be empty, but not conv strides', () => {
    expect(validateNodeConfig(node('p', 'MaxPool2D', { strides: null }))).toEqual([]);
    expect(validateNodeConfig(node('c', 'Conv2D', { strides: null }))).toHaveLength(1);
  });

  it('reports a config that is not an object', () => {
    expect(messages({ ...node('d', 'Dense'), config: 7 as never })).toEqual([
      'Dense "d": its settings are not an object (got 7).',
    ]);
  });
});

describe('checkFieldValue', () => {
  it('checks one value for the inspector', () => {
    expect(checkFieldValue(field('Dense', 'units'), 12)).toBeNull();
    expect(checkFieldValue(field('Dense', 'units'), 0)).toBe('must be an integer ≥ 1 (got 0)');
    expect(checkFieldValue(field('Dropout', 'rate'), 0.99)).toBeNull();
    expect(checkFieldValue(field('Dropout', 'rate'), Number.NaN)).toContain('must be a number in [0, 1)');
    expect(checkFieldValue(field('Dense', 'useBias'), false)).toBeNull();
    expect(checkFieldValue(field('Concatenate', 'axis'), -2)).toBeNull();
  });
});
