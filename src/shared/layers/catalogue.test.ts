import { describe, expect, it } from 'vitest';
import { LAYER_KINDS, type LayerKind, type Shape } from '../graph/model-graph';
import { LAYER_CATALOGUE, LAYER_DEFINITIONS, PALETTE, getLayerDefinition, withDefaults } from './catalogue';
import { LAYER_CATEGORIES } from './categories';
import type { LayerConfig } from './layer-definition';

/** Shape and params of one layer applied to `inputs`, with the config filled from defaults. */
function apply(kind: LayerKind, inputs: Shape[], config: LayerConfig = {}) {
  const definition = getLayerDefinition(kind);
  const filled = withDefaults(kind, config);
  const result = definition.outputShape(inputs, filled);
  if (!result.ok) return { error: result.code, message: result.message };
  const params = definition.paramCount(inputs, filled);
  return { shape: result.shape, trainable: params.trainable, nonTrainable: params.nonTrainable };
}

describe('catalogue', () => {
  it('has one definition per kind, keyed by its own kind, with the exact display names', () => {
    for (const kind of LAYER_KINDS) {
      expect(LAYER_CATALOGUE[kind].kind).toBe(kind);
      expect(LAYER_CATALOGUE[kind].displayName).toBe(kind);
      expect(LAYER_CATALOGUE[kind].explanation.length).toBeGreaterThan(80);
    }
    expect(Object.keys(LAYER_CATALOGUE).sort()).toEqual([...LAYER_KINDS].sort());
  });

  it('puts every kind in the palette once, under the category its definition names, in registry order', () => {
    const listed = PALETTE.flatMap((section) => section.kinds);
    expect([...listed].sort()).toEqual([...LAYER_KINDS].sort());
    expect(new Set(listed).size).toBe(listed.length);
    // Sections follow the category list, none empty; within one, kinds keep the catalogue's order.
    const order = LAYER_CATEGORIES.map((category) => category.id);
    const sections = PALETTE.map((section) => section.category);
    expect(sections).toEqual(order.filter((id) => sections.includes(id)));
    for (const { category, kinds } of PALETTE) {
      expect(kinds.length).toBeGreaterThan(0);
      for (const kind of kinds) expect(LAYER_CATALOGUE[kind].category).toBe(category);
      expect(kinds).toEqual(LAYER_KINDS.filter((kind) => kinds.includes(kind)));
    }
  });

  it('derives LAYER_KINDS from the registered definitions, each kind once', () => {
    expect(LAYER_KINDS).toEqual(LAYER_DEFINITIONS.map((definition) => definition.kind));
    expect(new Set(LAYER_KINDS).size).toBe(LAYER_KINDS.length);
  });

  it('keepsShape layers give back their input shape; unitsField layers output that many values', () => {
    for (const kind of LAYER_KINDS) {
      const definition = getLayerDefinition(kind);
      if (definition.keepsShape) {
        for (const shape of [[6, 6, 3], [7]]) expect(apply(kind, [shape])).toMatchObject({ shape });
      }
      if (definition.unitsField !== undefined) {
        const result = apply(kind, [[10]], { [definition.unitsField]: 3 });
        expect([kind, result.shape]).toEqual([kind, [3]]);
      }
    }
  });

  it('gives the course formulas', () => {
    expect(LAYER_CATALOGUE.Softmax.formula).toBe('y_i = e^{z_i} / Σ_j e^{z_j}');
    expect(LAYER_CATALOGUE.Maxout.formula).toBe('h_i = max_{j∈1..k} (w_ij·x + b_ij)');
    expect(LAYER_CATALOGUE.Dense.formula).toBe('y = f(Wx + b)');
    expect(LAYER_CATALOGUE.Activation.formula).toContain('max(0, z)');
    expect(LAYER_CATALOGUE.Activation.formula).toContain('σ(z) = 1/(1+e^{-z})');
    expect(LAYER_CATALOGUE.Dropout.formula).toContain('1 − rate');
  });

  it('uses the tfjs config keys and defaults', () => {
    expect(withDefaults('Dense', {})).toEqual({
      units: 32,
      activation: 'relu',
      useBias: true,
      kernelInitializer: 'glorotUniform',
      trainable: true,
    });
    expect(withDefaults('Conv2D', {})).toEqual({
      filters: 4,
      kernelSize: [5, 5],
      strides: [1, 1],
      padding: 'same',
      activation: 'relu',
      useBias: true,
      kernelInitializer: 'glorotUniform',
      trainable: true,
    });
    expect(withDefaults('MaxPool2D', {})).toEqual({ poolSize: [2, 2], strides: null, padding: 'valid' });
    expect(withDefaults('AvgPool2D', {})).toEqual({ poolSize: [2, 2], strides: null, padding: 'valid' });
    expect(withDefaults('Input', {})).toEqual({ shape: [36, 36, 1] });
    expect(withDefaults('Dropout', {})).toEqual({ rate: 0.5 });
    expect(withDefaults('Maxout', {})).toEqual({ units: 32, pieces: 2, trainable: true });
    expect(withDefaults('Softmax', {})).toEqual({});
    expect(withDefaults('Activation', {})).toEqual({ activation: 'relu', alpha: 0.3 });
    expect(withDefaults('Flatten', {})).toEqual({});
    expect(withDefaults('Reshape', {})).toEqual({ targetShape: [1296] });
    expect(withDefaults('BatchNorm', {})).toEqual({ momentum: 0.99, epsilon: 0.001, trainable: true });
    expect(withDefaults('Add', {})).toEqual({});
    expect(withDefaults('Concatenate', {})).toEqual({ axis: -1 });
    expect(withDefaults('GaussianNoise', {})).toEqual({ stddev: 0.1 });
  });

  it('keeps given values, drops unknown keys and never shares default arrays', () => {
    const filled = withDefaults('Dense', { units: 7, bogus: 1, activation: 'tanh' });
    expect(filled).toEqual({
      units: 7,
      activation: 'tanh',
      useBias: true,
      kernelInitializer: 'glorotUniform',
      trainable: true,
    });
    const first = withDefaults('Conv2D', {});
    (first.kernelSize as number[])[0] = 99;
    expect(withDefaults('Conv2D', {}).kernelSize).toEqual([5, 5]);
  });
});

describe('shape rules and parameter counts (hand-checked, as tfjs computes them)', () => {
  it('Input passes its configured shape', () => {
    expect(apply('Input', [], { shape: [36, 36, 1] })).toEqual({ shape: [36, 36, 1], trainable: 0, nonTrainable: 0 });
  });

  it('Dense: in*units + units, on the last axis of any rank', () => {
    expect(apply('Dense', [[1296]], { units: 32 })).toEqual({ shape: [32], trainable: 41504, nonTrainable: 0 });
    expect(apply('Dense', [[32]], { units: 5 })).toEqual({ shape: [5], trainable: 165, nonTrainable: 0 });
    expect(apply('Dense', [[10]], { units: 3, useBias: false })).toEqual({
      shape: [3],
      trainable: 30,
      nonTrainable: 0,
    });
    // tfjs applies Dense to the last axis: [18, 18, 4] → [18, 18, 5], 4*5 + 5 params.
    expect(apply('Dense', [[18, 18, 4]], { units: 5 })).toEqual({ shape: [18, 18, 5], trainable: 25, nonTrainable: 0 });
  });

  it('Conv2D: same keeps ceil(in/stride), valid drops the border; k*k*inC*filters + filters', () => {
    expect(apply('Conv2D', [[36, 36, 1]], {})).toEqual({ shape: [36, 36, 4], trainable: 104, nonTrainable: 0 });
    expect(apply('Conv2D', [[36, 36, 1]], { padding: 'valid' })).toEqual({
      shape: [32, 32, 4],
      trainable: 104,
      nonTrainable: 0,
    });
    expect(apply('Conv2D', [[7, 9, 3]], { filters: 2, kernelSize: [3, 2], strides: [2, 3], padding: 'same' })).toEqual({
      shape: [4, 3, 2],
      trainable: 3 * 2 * 3 * 2 + 2,
      nonTrainable: 0,
    });
    // valid: ceil((7 - 3 + 1) / 2) = 3, ceil((9 - 2 + 1) / 3) = 3
    expect(
      apply('Conv2D', [[7, 9, 3]], {
        filters: 2,
        kernelSize: [3, 2],
        strides: [2, 3],
        padding: 'valid',
        useBias: false,
      }),
    ).toEqual({
      shape: [3, 3, 2],
      trainable: 36,
      nonTrainable: 0,
    });
  });

  it('Conv2D refuses a kernel larger than the input and non-image inputs', () => {
    const tooLarge = apply('Conv2D', [[3, 3, 1]], { padding: 'valid' });
    expect(tooLarge).toMatchObject({ error: 'window-too-large' });
    expect(tooLarge.message).toContain('kernel 5×5 is larger than its 3×3 input');
    expect(apply('Conv2D', [[3, 3, 1]], { padding: 'same' })).toMatchObject({ shape: [3, 3, 4] });
    expect(apply('Conv2D', [[1296]], {})).toMatchObject({ error: 'needs-image' });
    expect(apply('Conv2D', [[1296]], {}).message).toContain('Reshape');
  });

  it('pooling: strides default to the pool size; valid and same as tfjs', () => {
    expect(apply('MaxPool2D', [[36, 36, 4]], {})).toEqual({ shape: [18, 18, 4], trainable: 0, nonTrainable: 0 });
    expect(apply('AvgPool2D', [[5, 5, 2]], {})).toEqual({ shape: [2, 2, 2], trainable: 0, nonTrainable: 0 });
    expect(apply('MaxPool2D', [[5, 5, 2]], { padding: 'same' })).toMatchObject({ shape: [3, 3, 2] });
    expect(apply('MaxPool2D', [[8, 8, 1]], { poolSize: [3, 3], strides: [1, 1] })).toMatchObject({ shape: [6, 6, 1] });
    expect(apply('AvgPool2D', [[8, 6, 1]], { poolSize: [3, 2], strides: [2, 1] })).toMatchObject({ shape: [3, 5, 1] });
    const tooLarge = apply('MaxPool2D', [[3, 3, 1]], { poolSize: [4, 4] });
    expect(tooLarge).toMatchObject({ error: 'window-too-large' });
    expect(tooLarge.message).toContain('pool 4×4 is larger than its 3×3 input');
    expect(apply('AvgPool2D', [[16]], {})).toMatchObject({ error: 'needs-image' });
  });

  it('Maxout: in*units*pieces + units*pieces, rank-1 input only', () => {
    expect(apply('Maxout', [[20]], { units: 8, pieces: 3 })).toEqual({
      shape: [8],
      trainable: 20 * 24 + 24,
      nonTrainable: 0,
    });
    const notFlat = apply('Maxout', [[4, 4, 2]], { units: 8 });
    expect(notFlat).toMatchObject({ error: 'needs-flat' });
    expect(notFlat.message).toContain('Flatten');
  });

  it('element-wise layers keep the shape and have no parameters', () => {
    for (const kind of ['Activation', 'Softmax', 'Dropout', 'GaussianNoise'] as const) {
      expect(apply(kind, [[6, 6, 3]])).toEqual({ shape: [6, 6, 3], trainable: 0, nonTrainable: 0 });
    }
  });

  it('BatchNorm: 4 per channel of the last axis, 2 of them trainable', () => {
    expect(apply('BatchNorm', [[6, 6, 3]])).toEqual({ shape: [6, 6, 3], trainable: 6, nonTrainable: 6 });
    expect(apply('BatchNorm', [[128]])).toEqual({ shape: [128], trainable: 256, nonTrainable: 256 });
  });

  it('Flatten multiplies the axes and refuses an already flat input (as tfjs does)', () => {
    expect(apply('Flatten', [[18, 18, 4]])).toEqual({ shape: [1296], trainable: 0, nonTrainable: 0 });
    expect(apply('Flatten', [[3, 7]])).toMatchObject({ shape: [21] });
    expect(apply('Flatten', [[10]])).toMatchObject({ error: 'already-flat' });
  });

  it('Reshape keeps the element count', () => {
    expect(apply('Reshape', [[1296]], { targetShape: [36, 36, 1] })).toEqual({
      shape: [36, 36, 1],
      trainable: 0,
      nonTrainable: 0,
    });
    const wrong = apply('Reshape', [[1296]], { targetShape: [30, 30, 1] });
    expect(wrong).toMatchObject({ error: 'reshape-size-mismatch' });
    expect(wrong.message).toContain('1296 values');
    expect(wrong.message).toContain('900 values');
  });

  it('Add needs equal shapes', () => {
    expect(apply('Add', [[32], [32], [32]])).toEqual({ shape: [32], trainable: 0, nonTrainable: 0 });
    const mismatch = apply('Add', [[32], [64]]);
    expect(mismatch).toMatchObject({ error: 'merge-shape-mismatch' });
    expect(mismatch.message).toContain('[32] and [64]');
  });

  it('Concatenate joins along the tfjs axis and checks the others', () => {
    expect(apply('Concatenate', [[8], [4]])).toEqual({ shape: [12], trainable: 0, nonTrainable: 0 });
    expect(
      apply('Concatenate', [
        [4, 4, 2],
        [4, 4, 3],
      ]),
    ).toMatchObject({ shape: [4, 4, 5] });
    // Positive axes count the batch axis: axis 1 is the height.
    expect(
      apply(
        'Concatenate',
        [
          [4, 5, 2],
          [3, 5, 2],
        ],
        { axis: 1 },
      ),
    ).toMatchObject({ shape: [7, 5, 2] });
    expect(
      apply(
        'Concatenate',
        [
          [4, 5, 2],
          [4, 1, 2],
        ],
        { axis: -2 },
      ),
    ).toMatchObject({ shape: [4, 6, 2] });
    expect(
      apply('Concatenate', [
        [4, 4, 2],
        [4, 3, 2],
      ]),
    ).toMatchObject({ error: 'merge-shape-mismatch' });
    expect(apply('Concatenate', [[4], [4, 1]])).toMatchObject({ error: 'merge-shape-mismatch' });
    expect(apply('Concatenate', [[4], [4]], { axis: 2 })).toMatchObject({ error: 'bad-axis' });
    expect(apply('Concatenate', [[4], [4]], { axis: -2 })).toMatchObject({ error: 'bad-axis' });
    expect(apply('Concatenate', [[4], [4]], { axis: 0 })).toMatchObject({ error: 'bad-axis' });
  });
});

describe('node card summaries', () => {
  const summary = (kind: LayerKind, config: LayerConfig = {}) =>
    getLayerDefinition(kind).summary(withDefaults(kind, config));

  it('reads like the course', () => {
    expect(summary('Dense', { units: 128 })).toBe('128 · relu');
    expect(summary('Dense', { units: 5, activation: 'softmax' })).toBe('5 · softmax');
    expect(summary('Conv2D')).toBe('4 × 5×5 same');
    expect(summary('Conv2D', { strides: [2, 2], padding: 'valid' })).toBe('4 × 5×5 valid /2×2');
    expect(summary('MaxPool2D')).toBe('2×2 max');
    expect(summary('AvgPool2D', { poolSize: [3, 3], strides: [1, 1], padding: 'same' })).toBe('3×3 avg /1×1 same');
    expect(summary('Dropout')).toBe('rate 0.5');
    expect(summary('Input')).toBe('[36, 36, 1]');
    expect(summary('Activation', { activation: 'leakyRelu' })).toBe('leakyRelu α 0.3');
    expect(summary('Maxout')).toBe('32 · 2 pieces');
    expect(summary('Reshape', { targetShape: [36, 36, 1] })).toBe('→ [36, 36, 1]');
    for (const kind of LAYER_KINDS) expect(typeof summary(kind)).toBe('string');
  });
});
