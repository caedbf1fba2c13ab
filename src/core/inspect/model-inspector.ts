import * as tf from '@tensorflow/tfjs';
import type { ModelGraph, LayerKind } from '../../shared/graph/model-graph';
import { elementCount, formatShape } from '../../shared/layers/shape-math';
import type { DatasetDescriptor } from '../../shared/training/dataset';
import type { Task } from '../../shared/training/task';
import { packFloats, packBytes, packScaled, unpack } from '../../shared/views/packed-array';
import {
  VIEW_LIMITS,
  type ActivationsView,
  type BoundaryGrid,
  type BoundaryView,
  type LayerActivation,
  type LayerInfo,
  type LayerStatsView,
  type ModelView,
  type PredictionView,
  type SampleRef,
  type SampleView,
  type SavedWeights,
  type WeightsView,
} from '../../shared/views/view-queries';
import type { Split } from '../datasets/loaded-dataset';
import { EngineError } from '../engine/engine-error';
import { layerNamesForGraph } from '../engine/layer-names';
import type { TargetEncoding } from '../engine/training-data';
import { imageSample } from './image-sample';
import { histogram, valueStats } from './value-stats';
import { planeExtent, pointBounds } from '../../shared/views/plane';
import { base64ToBytes, bytesToBase64 } from '../../shared/base64';

/**
 * A model with what is needed to look inside it: the graph it was built from (to name layers by node), what it learns,
 * its data's descriptor and splits. The training process holds one for the run it trains (or restored), the CLI's
 * `inspect` one for a saved model; both answer through the functions below, so the app and the CLI agree.
 */
export interface InspectedModel {
  model: tf.LayersModel;
  graph: ModelGraph;
  task: Task;
  /** How the output encodes classes: one score per class, a single sigmoid unit for two classes, or the input. */
  encoding: TargetEncoding;
  classNames: string[];
  descriptor: DatasetDescriptor;
  splits: { train: Split; validation: Split };
  /**
   * A restored run whose data could not be loaded (its file is gone or not granted): why, in a sentence. The splits
   * are then empty, and every view that needs samples says this instead (see answer-query.ts).
   */
  dataProblem?: string;
}

/** Every layer: shapes, parameters, activation and weight statistics. */
export function describeModel(target: InspectedModel, epochs: number): ModelView {
  const { model, descriptor } = target;
  return {
    inputShape: shapeOf(model.inputs[0].shape),
    outputShape: shapeOf(model.outputs[0].shape),
    task: target.task,
    classNames: target.classNames,
    valueRange: [descriptor.valueRange[0], descriptor.valueRange[1]],
    layers: innerLayers(model).map((layer) => layerInfo(target, layer)),
    epochs,
    sampleCounts: { train: target.splits.train.count, validation: target.splits.validation.count },
  };
}

/** One layer's weights exactly as the model holds them (kernel first, then bias, as tfjs orders them). */
export function layerWeights(target: InspectedModel, layerName: string): WeightsView {
  const layer = findLayer(target.model, layerName);
  return {
    layer: layer.name,
    weights: layer.weights.map((weight) => ({
      name: weight.originalName,
      values: packFloats(weight.read().dataSync() as Float32Array, weight.shape as number[]),
    })),
  };
}

/** Every layer's output for one input: summary, histogram, and the values themselves within VIEW_LIMITS.layerValues. */
export function layerActivations(target: InspectedModel, ref: SampleRef): ActivationsView {
  const { input, sample } = resolveSample(target, ref);
  const layers = innerLayers(target.model);
  const outputs = runLayers(target.model, layers, input, 1);
  const activations = layers.map((layer, i): LayerActivation => {
    const values = outputs[i];
    const shape = shapeOf(outputOf(layer).shape);
    const stats = valueStats(values);
    return {
      name: layer.name,
      outputShape: shape,
      stats,
      histogram: histogram(values, VIEW_LIMITS.histogramBins, stats),
      ...packLayerValues(values, shape),
    };
  });
  return { sample, layers: activations };
}

/**
 * Activation histograms over the first `count` validation samples (training samples when there is no validation
 * split) and, for ReLU layers, the share of units that stayed 0 for all of them: dead units, which no longer learn.
 */
export function layerStatistics(target: InspectedModel, count: number): LayerStatsView {
  const split = target.splits.validation.count > 0 ? target.splits.validation : target.splits.train;
  const n = Math.min(count, split.count);
  if (n === 0) throw new EngineError('bad-input', 'The data set has no samples to compute activation statistics on.');
  const sampleSize = elementCount(shapeOf(target.model.inputs[0].shape));
  const layers = innerLayers(target.model);
  const outputs = runLayers(target.model, layers, split.x.subarray(0, n * sampleSize), n);
  return {
    samples: n,
    layers: layers.map((layer, i) => {
      const values = outputs[i];
      const stats = valueStats(values);
      return {
        name: layer.name,
        histogram: histogram(values, VIEW_LIMITS.histogramBins, stats),
        stats,
        deadShare: activationOf(layer) === 'relu' ? deadShare(values, n) : null,
      };
    }),
  };
}

/** The model's output for one input; class probabilities for a classifier (a single sigmoid unit gives [1 − p, p]). */
export function predictSample(target: InspectedModel, ref: SampleRef): PredictionView {
  const { input, sample } = resolveSample(target, ref);
  const inputShape = shapeOf(target.model.inputs[0].shape);
  const outputShape = shapeOf(target.model.outputs[0].shape);
  const output = tf.tidy(() => {
    const prediction = target.model.predict(tf.tensor(input, [1, ...inputShape])) as tf.Tensor;
    return prediction.dataSync() as Float32Array;
  });
  const probabilities = target.task === 'classification' ? classProbabilities(output, target.encoding) : null;
  return {
    sample,
    output: packFloats(output, outputShape),
    probabilities,
    predicted: probabilities ? argMax(probabilities) : null,
  };
}

/** Class probabilities from one output row: as they are, or [1 − p, p] for a single sigmoid unit. */
export function classProbabilities(output: ArrayLike<number>, encoding: TargetEncoding): number[] {
  if (encoding === 'binary') return [1 - output[0], output[0]];
  return Array.from(output);
}

/**
 * The predicted class and its probability over a resolution × resolution grid covering the data (a 2-D classifier),
 * like TensorFlow Playground's background. One batch through the model.
 */
export function decisionBoundary(target: InspectedModel, resolution: number): BoundaryGrid {
  checkPlane(target);
  const extent = extentOf(target);
  const cells = resolution * resolution;
  const points = new Float32Array(cells * 2);
  const dx = (extent.xMax - extent.xMin) / resolution;
  const dy = (extent.yMax - extent.yMin) / resolution;
  for (let row = 0; row < resolution; row++) {
    for (let col = 0; col < resolution; col++) {
      const cell = row * resolution + col;
      points[2 * cell] = extent.xMin + (col + 0.5) * dx;
      points[2 * cell + 1] = extent.yMax - (row + 0.5) * dy;
    }
  }
  const output = tf.tidy(
    // One batch: predict's default of 32 would cut the grid into dozens of small passes.
    () =>
      (
        target.model.predict(tf.tensor2d(points, [cells, 2]), { batchSize: cells }) as tf.Tensor
      ).dataSync() as Float32Array,
  );
  const width = output.length / cells;
  const classes = new Uint8Array(cells);
  const confidence = new Float32Array(cells);
  for (let cell = 0; cell < cells; cell++) {
    if (target.encoding === 'binary') {
      const p = output[cell];
      classes[cell] = p > 0.5 ? 1 : 0;
      confidence[cell] = p > 0.5 ? p : 1 - p;
      continue;
    }
    let best = 0;
    for (let c = 1; c < width; c++) if (output[cell * width + c] > output[cell * width + best]) best = c;
    classes[cell] = best;
    confidence[cell] = output[cell * width + best];
  }
  return {
    extent,
    classes: packBytes(classes, [resolution, resolution]),
    confidence: packScaled(confidence, [resolution, resolution], [0, 1]),
  };
}

/** The boundary with the data drawn on top: training points, then validation points, at most VIEW_LIMITS.boundaryPoints. */
export function boundaryView(
  target: InspectedModel,
  resolution: number,
  at: { epoch: number; batch: number },
): BoundaryView {
  const grid = decisionBoundary(target, resolution);
  const points: BoundaryView['points'] = [];
  const { train, validation } = target.splits;
  const total = train.count + validation.count;
  const stride = Math.max(1, Math.ceil(total / VIEW_LIMITS.boundaryPoints));
  for (let i = 0; i < total; i += stride) {
    const split = i < train.count ? train : validation;
    const index = i < train.count ? i : i - train.count;
    points.push({ x: split.x[2 * index], y: split.x[2 * index + 1], classIndex: split.labels[index] });
  }
  return { grid, points, at };
}

/** All weights in the tfjs layers format's terms (original names, float32), to keep with a saved run. */
export function modelWeights(model: tf.LayersModel): SavedWeights {
  const specs: SavedWeights['specs'] = [];
  const parts: Float32Array[] = [];
  for (const weight of model.weights) {
    specs.push({ name: weight.originalName, shape: weight.shape as number[], dtype: 'float32' });
    parts.push(weight.read().dataSync() as Float32Array);
  }
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const all = new Float32Array(total);
  let offset = 0;
  for (const part of parts) {
    all.set(part, offset);
    offset += part.length;
  }
  return { specs, data: bytesToBase64(new Uint8Array(all.buffer)) };
}

/** Sets a model's weights from a saved run's; a mismatch (the graph changed) names the weight. */
export function loadModelWeights(model: tf.LayersModel, saved: SavedWeights): void {
  const bytes = base64ToBytes(saved.data);
  const all = new Float32Array(bytes.slice().buffer);
  const expected = saved.specs.reduce((sum, spec) => sum + elementCount(spec.shape), 0);
  if (all.length !== expected)
    throw new EngineError('bad-input', `The saved weights hold ${all.length} values, their specs ${expected}.`);
  const named: tf.NamedTensorMap = {};
  let offset = 0;
  for (const spec of saved.specs) {
    const size = elementCount(spec.shape);
    named[spec.name] = tf.tensor(all.subarray(offset, offset + size), spec.shape);
    offset += size;
  }
  try {
    model.loadWeights(named, true);
  } catch (error) {
    throw new EngineError(
      'bad-input',
      `The saved weights do not fit this graph: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    tf.dispose(Object.values(named));
  }
}

/** Resolves what a query is about into the model's input and a description of it. */
export function resolveSample(target: InspectedModel, ref: SampleRef): { input: Float32Array; sample: SampleView } {
  const inputShape = shapeOf(target.model.inputs[0].shape);
  const size = elementCount(inputShape);
  if ('split' in ref) {
    const split = target.splits[ref.split];
    if (ref.index >= split.count) {
      throw new EngineError(
        'bad-input',
        `There are ${split.count} ${ref.split === 'train' ? 'training' : 'validation'} samples; sample ${ref.index} does not exist (they are numbered from 0).`,
      );
    }
    const input = split.x.slice(ref.index * size, (ref.index + 1) * size);
    return {
      input,
      sample: {
        input: packFloats(input, inputShape),
        label: split.labels[ref.index],
        split: ref.split,
        index: ref.index,
      },
    };
  }
  const input = 'input' in ref ? unpack(ref.input) : imageSample(ref.image, inputShape, target.descriptor.valueRange);
  if (input.length !== size) {
    throw new EngineError(
      'bad-input',
      `The input has ${input.length} values, but the model takes ${formatShape(inputShape)} (${size} values).`,
    );
  }
  if (!input.every(Number.isFinite)) throw new EngineError('bad-input', 'The input holds values that are not numbers.');
  return { input, sample: { input: packFloats(input, inputShape), label: null, split: null, index: null } };
}

/** The model's layers after its input, in the order they run. */
export function innerLayers(model: tf.LayersModel): tf.layers.Layer[] {
  return model.layers.filter((layer) => layer.getClassName() !== 'InputLayer');
}

/** The activation a layer applies, from its config (Dense/Conv2D `activation`, the Activation layer, Softmax). */
export function activationOf(layer: tf.layers.Layer): string | null {
  if (layer.getClassName() === 'Softmax') return 'softmax';
  const activation = (layer.getConfig() as { activation?: unknown }).activation;
  return typeof activation === 'string' && activation !== 'linear' ? activation : null;
}

function layerInfo(target: InspectedModel, layer: tf.layers.Layer): LayerInfo {
  const node = nodeForLayer(target.graph, layer.name);
  const inbound = Array.isArray(layer.input) ? layer.input[0] : layer.input;
  return {
    name: layer.name,
    nodeId: node?.id ?? null,
    kind: (node?.kind as LayerKind | undefined) ?? null,
    inputShape: shapeOf(inbound.shape),
    outputShape: shapeOf(outputOf(layer).shape),
    params: layer.countParams(),
    activation: activationOf(layer),
    weights: layer.weights.map((weight) => ({
      name: weight.originalName,
      shape: weight.shape as number[],
      stats: valueStats(weight.read().dataSync()),
    })),
  };
}

const layerNodes = new WeakMap<ModelGraph, Map<string, ModelGraph['nodes'][number]>>();

function nodeForLayer(graph: ModelGraph, layerName: string): ModelGraph['nodes'][number] | undefined {
  let byName = layerNodes.get(graph);
  if (!byName) {
    byName = new Map();
    const names = layerNamesForGraph(graph);
    for (const node of graph.nodes) byName.set(names.get(node.id)!, node);
    layerNodes.set(graph, byName);
  }
  return byName.get(layerName);
}

function findLayer(model: tf.LayersModel, name: string): tf.layers.Layer {
  const layer = innerLayers(model).find((l) => l.name === name);
  if (!layer) {
    const names = innerLayers(model)
      .map((l) => l.name)
      .join(', ');
    throw new EngineError('bad-input', `The model has no layer "${name}" (its layers: ${names}).`);
  }
  return layer;
}

/** One model with every layer's output as an output, built once per model; it shares the layers and so the weights. */
const probes = new WeakMap<tf.LayersModel, tf.LayersModel>();

function runLayers(
  model: tf.LayersModel,
  layers: tf.layers.Layer[],
  input: Float32Array,
  count: number,
): Float32Array[] {
  let probe = probes.get(model);
  if (!probe) {
    probe = tf.model({ inputs: model.inputs, outputs: layers.map((layer) => outputOf(layer)) });
    probes.set(model, probe);
  }
  const inputShape = shapeOf(model.inputs[0].shape);
  return tf.tidy(() => {
    const outputs = probe.predict(tf.tensor(input, [count, ...inputShape]), { batchSize: count }) as
      tf.Tensor | tf.Tensor[];
    return (Array.isArray(outputs) ? outputs : [outputs]).map((output) => output.dataSync() as Float32Array);
  });
}

/**
 * A layer's output values for the panel: all of them when small; for a large feature map ([h, w, c]) the first
 * channels that fit VIEW_LIMITS.layerValues; nothing for other large outputs.
 */
function packLayerValues(values: Float32Array, shape: number[]): Pick<LayerActivation, 'values' | 'channels'> {
  if (values.length <= VIEW_LIMITS.layerValues) {
    return { values: packFloats(values, shape), ...(shape.length === 3 ? { channels: shape[2] } : {}) };
  }
  if (shape.length !== 3) return { values: null };
  const [height, width, channels] = shape;
  const kept = Math.max(1, Math.floor(VIEW_LIMITS.layerValues / (height * width)));
  const out = new Float32Array(height * width * kept);
  for (let p = 0; p < height * width; p++) out.set(values.subarray(p * channels, p * channels + kept), p * kept);
  return { values: packFloats(out, [height, width, kept]), channels: kept };
}

/** Share of the `count` samples' units (positions × channels) that are ≤ 0 for every sample. */
function deadShare(values: Float32Array, count: number): number {
  const units = values.length / count;
  let dead = 0;
  for (let unit = 0; unit < units; unit++) {
    let fired = false;
    for (let s = 0; s < count && !fired; s++) fired = values[s * units + unit] > 0;
    if (!fired) dead++;
  }
  return units === 0 ? 0 : dead / units;
}

/** A classifier of points in the plane (input [2]): the kind of model a decision boundary is drawn for. */
export function isPlaneClassifier(target: InspectedModel): boolean {
  const inputShape = shapeOf(target.model.inputs[0].shape);
  return target.task === 'classification' && inputShape.length === 1 && inputShape[0] === 2;
}

function checkPlane(target: InspectedModel): void {
  const inputShape = shapeOf(target.model.inputs[0].shape);
  if (!isPlaneClassifier(target)) {
    throw new EngineError(
      'bad-input',
      `A decision boundary is drawn for classifiers of 2-D points; this model takes ${formatShape(inputShape)}${target.task === 'classification' ? '' : ' and is an autoencoder'}.`,
    );
  }
}

const extents = new WeakMap<Split, BoundaryGrid['extent']>();

/** The square the boundary covers: around every training and validation point (see planeExtent). */
function extentOf(target: InspectedModel): BoundaryGrid['extent'] {
  const { train, validation } = target.splits;
  const cached = extents.get(train);
  if (cached) return cached;
  const all = (i: number, axis: number) =>
    i < train.count ? train.x[2 * i + axis] : validation.x[2 * (i - train.count) + axis];
  const extent = planeExtent(
    pointBounds(
      train.count + validation.count,
      (i) => all(i, 0),
      (i) => all(i, 1),
    ),
  );
  extents.set(train, extent);
  return extent;
}

function argMax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

function shapeOf(shape: (number | null)[]): number[] {
  return shape.slice(1) as number[];
}

function outputOf(layer: tf.layers.Layer): tf.SymbolicTensor {
  const output = layer.output;
  return Array.isArray(output) ? output[0] : output;
}
