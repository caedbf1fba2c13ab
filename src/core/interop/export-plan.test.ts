import { describe, expect, it } from 'vitest';
import { chain, edge, graphOf, node } from '../../shared/graph/testing/fixtures';
import { COURSE_TRAINING } from '../../shared/templates/template';
import { planExport } from './export-plan';
import { samePadding } from './same-padding';
import { transpose } from './tensor-layout';
import { EVERY_KIND } from './testing/interop-cases';

const plan = (
  graph: Parameters<typeof planExport>[0]['graph'],
  extra: Partial<Parameters<typeof planExport>[0]> = {},
) => planExport({ graph, training: COURSE_TRAINING, task: 'classification', projectName: 'test', ...extra });

describe('planExport', () => {
  it('keeps only the layers the model is built from, sources first, merge inputs in port order', () => {
    const result = plan(EVERY_KIND);
    expect(result.layers[0].id).toBe('input');
    expect(result.layers.map((layer) => layer.id)).not.toContain('unused');
    expect(result.byId.get('cat_h')!.inputs).toEqual(['conv_same', 'conv_valid']);
    expect(result.byId.get('cat_h')!.outputShape).toEqual([5, 3, 3]);
    expect(result.layers.reduce((sum, layer) => sum + layer.params, 0)).toBe(result.totalParams);
    expect(result.byId.get('conv_s2')!.name).toBe('conv_stride_2');
  });

  it('names every problem of an invalid graph', () => {
    const graph = chain(
      node('in', 'Input', { shape: [4] }),
      node('flat', 'Flatten'),
      node('out', 'Dense', { units: 2 }),
    );
    expect(() => plan(graph)).toThrow(/The project "test" cannot be exported: .*already flat/);
  });

  it('decides the targets as LayerLab trains: one-hot, a single sigmoid column, or the input', () => {
    const classifier = chain(
      node('in', 'Input', { shape: [2] }),
      node('out', 'Dense', { units: 3, activation: 'softmax' }),
    );
    expect(plan(classifier).targets).toEqual({
      task: 'classification',
      encoding: 'one-hot',
      classes: 3,
      classNames: null,
    });
    const binary = chain(
      node('in', 'Input', { shape: [2] }),
      node('out', 'Dense', { units: 1, activation: 'sigmoid' }),
    );
    expect(plan(binary, { training: { ...COURSE_TRAINING, loss: 'binaryCrossentropy' } }).targets).toMatchObject({
      encoding: 'binary',
      classes: 2,
    });
    const autoencoder = chain(node('in', 'Input', { shape: [4] }), node('out', 'Dense', { units: 4 }));
    expect(plan(autoencoder, { task: 'autoencoder' }).targets).toMatchObject({
      task: 'autoencoder',
      encoding: 'input',
      classes: 0,
    });
  });

  it('refuses a dataset whose classes do not fit the output layer, naming both counts', () => {
    const classifier = chain(
      node('in', 'Input', { shape: [2] }),
      node('out', 'Dense', { units: 3, activation: 'softmax' }),
    );
    expect(() => plan(classifier, { classNames: ['a', 'b'] })).toThrow(/3 units, but the dataset has 2 classes/);
  });

  it('orders unset ports like the model builder (as port 0, then file order)', () => {
    const graph = graphOf(
      [
        node('in', 'Input', { shape: [2] }),
        node('a', 'Dense', { units: 2 }),
        node('b', 'Dense', { units: 3 }),
        node('cat', 'Concatenate'),
        node('out', 'Dense', { units: 2, activation: 'softmax' }),
      ],
      [edge('in', 'a'), edge('in', 'b'), edge('b', 'cat', 1), edge('a', 'cat'), edge('cat', 'out')],
    );
    expect(plan(graph).byId.get('cat')!.inputs).toEqual(['a', 'b']);
  });
});

describe('layout helpers', () => {
  it("pads like TensorFlow's 'same': ceil(size / stride) windows, the odd cell after", () => {
    expect(samePadding(12, 3, 2)).toEqual([0, 1]);
    expect(samePadding(6, 3, 1)).toEqual([1, 1]);
    expect(samePadding(5, 4, 1)).toEqual([1, 2]);
    expect(samePadding(7, 2, 2)).toEqual([0, 1]);
    expect(samePadding(4, 1, 3)).toEqual([0, 0]);
  });

  it('transposes like numpy.transpose', () => {
    // A [2, 3] matrix and a [1, 2, 3] tensor moved to [3, 1, 2].
    expect([...transpose({ shape: [2, 3], values: Float32Array.from([1, 2, 3, 4, 5, 6]) }, [1, 0]).values]).toEqual([
      1, 4, 2, 5, 3, 6,
    ]);
    const moved = transpose({ shape: [1, 2, 3], values: Float32Array.from([1, 2, 3, 4, 5, 6]) }, [2, 0, 1]);
    expect(moved.shape).toEqual([3, 1, 2]);
    expect([...moved.values]).toEqual([1, 4, 2, 5, 3, 6]);
  });
});
