import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Maxout } from './maxout-layer';

tf.enableProdMode();

/** A model Input[inDim] → Maxout with the given kernel ([in, units*pieces]) and bias. */
function maxoutModel(inDim: number, units: number, pieces: number, kernel: number[][], bias: number[]): tf.LayersModel {
  const input = tf.input({ shape: [inDim] });
  const layer = new Maxout({ units, pieces, name: 'maxout' });
  const output = layer.apply(input) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: output });
  layer.setWeights([tf.tensor2d(kernel), tf.tensor1d(bias)]);
  return model;
}

// Unit 0 has pieces (col 0, col 1), unit 1 has pieces (col 2, col 3).
const KERNEL = [
  [1, -1, 0.5, 2],
  [2, 0.5, -1, 1],
];
const BIAS = [0, 1, 0.25, -3];

function byHand(x: number[]): number[] {
  const z = [0, 1, 2, 3].map((col) => x[0] * KERNEL[0][col] + x[1] * KERNEL[1][col] + BIAS[col]);
  return [Math.max(z[0], z[1]), Math.max(z[2], z[3])];
}

describe('Maxout layer', () => {
  it('outputs, per unit, the largest of its linear pieces', () => {
    const model = maxoutModel(2, 2, 2, KERNEL, BIAS);
    const xs = [
      [1, -2],
      [0.5, 3],
      [-1, -1],
    ];
    const out = (model.predict(tf.tensor2d(xs)) as tf.Tensor).arraySync() as number[][];
    xs.forEach((x, i) => {
      const expected = byHand(x);
      expect(out[i][0]).toBeCloseTo(expected[0], 5);
      expect(out[i][1]).toBeCloseTo(expected[1], 5);
    });
    expect(model.outputs[0].shape).toEqual([null, 2]);
    expect(model.countParams()).toBe(2 * 4 + 4);
  });

  it('passes the gradient only through the winning piece', () => {
    const layer = new Maxout({ units: 2, pieces: 2 });
    layer.build([null, 2]);
    layer.setWeights([tf.tensor2d(KERNEL), tf.tensor1d(BIAS)]);
    const x = [1, -2];
    // z = [-3, 0, 2.75, -3]: unit 0's winner is piece 1 (col 1), unit 1's is piece 0 (col 2).
    const kernelVar = layer.getWeights()[0];
    const grads = tf.grads((k: tf.Tensor) => {
      const z = tf.add(tf.matMul(tf.tensor2d([x]), k), tf.tensor1d(BIAS));
      return tf.sum(tf.max(z.reshape([1, 2, 2]), -1));
    })([kernelVar]);
    const layerGrad = tf.variableGrads(() => tf.sum(layer.apply(tf.tensor2d([x])) as tf.Tensor) as tf.Scalar);
    const expected = [
      [0, x[0], x[0], 0],
      [0, x[1], x[1], 0],
    ];
    expect(grads[0].arraySync()).toEqual(expected);
    const kernelGrad = Object.entries(layerGrad.grads).find(([name]) => name.includes('kernel'))![1];
    const biasGrad = Object.entries(layerGrad.grads).find(([name]) => name.includes('bias'))![1];
    expect(kernelGrad.arraySync()).toEqual(expected);
    expect(biasGrad.arraySync()).toEqual([0, 1, 1, 0]);
  });

  it('is ReLU when one of two pieces is fixed at zero', () => {
    const w = [0.7, -1.3];
    const model = maxoutModel(
      2,
      1,
      2,
      [
        [w[0], 0],
        [w[1], 0],
      ],
      [0.2, 0],
    );
    const xs = [
      [1, 1],
      [-2, 0.5],
      [3, -1],
      [0, 0.1],
    ];
    const out = (model.predict(tf.tensor2d(xs)) as tf.Tensor).arraySync() as number[][];
    xs.forEach((x, i) => expect(out[i][0]).toBeCloseTo(Math.max(0, x[0] * w[0] + x[1] * w[1] + 0.2), 6));
  });

  it('saves and loads back through stock tf.loadLayersModel with the same predictions', async () => {
    const input = tf.input({ shape: [3] });
    const hidden = new Maxout({
      units: 4,
      pieces: 3,
      name: 'mx',
      kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }),
    }).apply(input);
    const output = tf.layers
      .dense({ units: 2, kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) })
      .apply(hidden) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: output });
    let saved: tf.io.ModelArtifacts | null = null;
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        saved = artifacts;
        return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
      }),
    );
    const json = JSON.parse(JSON.stringify(saved!.modelTopology));
    expect(JSON.stringify(json)).toContain('"class_name":"Maxout"');
    const loaded = await tf.loadLayersModel(tf.io.fromMemory({ ...saved!, modelTopology: json }));
    const x = tf.tensor2d([
      [0.1, -0.4, 2],
      [1, 1, -1],
    ]);
    const before = (model.predict(x) as tf.Tensor).dataSync();
    const after = (loaded.predict(x) as tf.Tensor).dataSync();
    expect(Array.from(after)).toEqual(Array.from(before));
  });
});
