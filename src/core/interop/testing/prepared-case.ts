import * as tf from '@tensorflow/tfjs';
import { buildModel } from '../../engine/build-model';
import type { NamedWeights } from '../weights/named-weights';
import { weightsFromModel } from '../weights/tfjs-model-weights';
import { randomInputs, randomizeWeights, type InteropCase } from './interop-cases';

/** A case built in tfjs with random weights, a batch of inputs and LayerLab's predictions for them. */
export interface PreparedCase {
  case: InteropCase;
  weights: NamedWeights;
  inputs: { shape: number[]; values: Float32Array };
  expected: { shape: number[]; values: Float32Array };
}

export const SAMPLES = 6;
/** How much predictions must vary between samples for a comparison at 1e-4 to mean something. */
const MIN_SPREAD = 1e-2;

/** Seeds tried, in turn, for weights under which the outputs depend on the input. */
const SEED_ATTEMPTS = 4;

/**
 * Builds the case with seeded random weights (`seed`, or the next of a few seeds derived from it when under those
 * weights the outputs hardly vary between samples: a deep fixture's softmax can saturate) and predicts a batch.
 */
export function prepareCase(interopCase: InteropCase, seed: number): PreparedCase {
  let spread = 0;
  for (let attempt = 0; attempt < SEED_ATTEMPTS; attempt++) {
    const prepared = prepareWithSeed(interopCase, seed + attempt * 1000);
    spread = sampleSpread(prepared.expected.values, SAMPLES);
    if (spread > MIN_SPREAD) return prepared;
  }
  // Outputs that hardly depend on the input would let an export that scrambles its layers pass the comparison.
  throw new Error(`${interopCase.name}: predictions differ by only ${spread} between samples; fix the fixture`);
}

function prepareWithSeed(interopCase: InteropCase, seed: number): PreparedCase {
  const model = buildModel(interopCase.graph, { seed });
  try {
    randomizeWeights(model, seed);
    const inputShape = model.inputs[0].shape.slice(1) as number[];
    const inputs = randomInputs(inputShape, SAMPLES, seed + 1);
    const expected = tf.tidy(() => {
      const output = model.predict(tf.tensor(inputs.values, inputs.shape)) as tf.Tensor;
      return { shape: [...output.shape], values: Float32Array.from(output.dataSync()) };
    });
    return { case: interopCase, weights: weightsFromModel(model), inputs, expected };
  } finally {
    model.dispose();
  }
}

/** Predictions of a tfjs model built from `graph` with `weights` (by layer name) for `inputs`. */
export function predictWith(
  graph: Parameters<typeof buildModel>[0],
  weights: NamedWeights,
  inputs: { shape: number[]; values: Float32Array },
  apply: (model: tf.LayersModel, weights: NamedWeights) => void,
): Float32Array {
  const model = buildModel(graph, { seed: 99 });
  try {
    apply(model, weights);
    return tf.tidy(() =>
      Float32Array.from((model.predict(tf.tensor(inputs.values, inputs.shape)) as tf.Tensor).dataSync()),
    );
  } finally {
    model.dispose();
  }
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

/** The largest difference between two samples' values of the same output. */
export function sampleSpread(values: Float32Array, samples: number): number {
  const width = values.length / samples;
  let spread = 0;
  for (let j = 0; j < width; j++) {
    let low = Infinity;
    let high = -Infinity;
    for (let i = 0; i < samples; i++) {
      low = Math.min(low, values[i * width + j]);
      high = Math.max(high, values[i * width + j]);
    }
    spread = Math.max(spread, high - low);
  }
  return spread;
}
