import * as tf from '@tensorflow/tfjs';
import { chain, edge, graphOf, node } from '../../../shared/graph/testing/fixtures';
import type { ModelGraph } from '../../../shared/graph/model-graph';
import { mulberry32 } from '../../../shared/seeded-random';
import { TEMPLATES } from '../../../shared/templates';
import { COURSE_TRAINING } from '../../../shared/templates/template';
import type { TrainConfig } from '../../../shared/training/train-config';
import type { Task } from '../../../shared/training/task';

/** A model every exporter and the importer are tested on. */
export interface InteropCase {
  name: string;
  graph: ModelGraph;
  training: TrainConfig;
  task: Task;
}

/**
 * Every layer kind, every padding case (TF's uneven `same` for Conv, max and average pooling, symmetric pads),
 * branches and merges (Add, Concatenate on channels and on height), Dense on an image and on a sequence,
 * BatchNorm on images, sequences and vectors, Reshape between ranks, every Activation function and initializer.
 */
export const EVERY_KIND: ModelGraph = graphOf(
  [
    node('input', 'Input', { shape: [12, 12, 3] }),
    node(
      'conv_s2',
      'Conv2D',
      {
        filters: 4,
        kernelSize: [3, 3],
        strides: [2, 2],
        padding: 'same',
        activation: 'relu',
        kernelInitializer: 'heNormal',
      },
      'conv/stride 2',
    ),
    node('bn_img', 'BatchNorm', { momentum: 0.9, epsilon: 0.01 }),
    node('pool_max', 'MaxPool2D', { poolSize: [3, 3], strides: [2, 2], padding: 'same' }),
    node('pool_avg', 'AvgPool2D', { poolSize: [3, 3], strides: [2, 2], padding: 'same' }),
    node('add', 'Add'),
    node('cat_c', 'Concatenate', { axis: -1 }),
    node('conv_same', 'Conv2D', {
      filters: 3,
      kernelSize: [3, 3],
      strides: [1, 1],
      padding: 'same',
      activation: 'sigmoid',
      kernelInitializer: 'leCunUniform',
    }),
    node('avg_sym', 'AvgPool2D', { poolSize: [3, 3], strides: [1, 1], padding: 'same' }),
    node('conv_valid', 'Conv2D', {
      filters: 3,
      kernelSize: [2, 1],
      strides: [1, 1],
      padding: 'valid',
      activation: 'linear',
      useBias: false,
      kernelInitializer: 'glorotNormal',
    }),
    node('cat_h', 'Concatenate', { axis: 1 }),
    node('dense_img', 'Dense', { units: 5, activation: 'tanh', kernelInitializer: 'heUniform' }),
    node('leaky', 'Activation', { activation: 'leakyRelu', alpha: 0.2 }),
    node('softmax_img', 'Softmax'),
    node('mix', 'Add'),
    node('flatten', 'Flatten'),
    node('noise', 'GaussianNoise', { stddev: 0.3 }),
    node('to_seq', 'Reshape', { targetShape: [15, 5] }),
    node('bn_seq', 'BatchNorm', { momentum: 0.99, epsilon: 0.001 }),
    node('dense_seq', 'Dense', { units: 4, activation: 'elu', kernelInitializer: 'leCunNormal' }),
    node('selu', 'Activation', { activation: 'selu' }),
    node('flatten_seq', 'Flatten'),
    node('maxout', 'Maxout', { units: 6, pieces: 3 }),
    node('dropout', 'Dropout', { rate: 0.3 }),
    node('bn_vec', 'BatchNorm', { momentum: 0.5, epsilon: 0.0001, trainable: false }),
    node('softplus', 'Activation', { activation: 'softplus' }),
    node('softsign', 'Activation', { activation: 'softsign' }),
    node('linear', 'Activation', { activation: 'linear' }),
    node('tanh', 'Activation', { activation: 'tanh' }),
    node('sigmoid', 'Activation', { activation: 'sigmoid' }),
    node('relu', 'Activation', { activation: 'relu' }),
    node('elu', 'Activation', { activation: 'elu' }),
    node('functions', 'Concatenate', { axis: -1 }),
    node('hidden', 'Dense', { units: 7, activation: 'sigmoid', kernelInitializer: 'randomNormal' }),
    node('hidden2', 'Dense', { units: 6, activation: 'softplus', kernelInitializer: 'zeros' }),
    node('hidden3', 'Dense', { units: 6, activation: 'softsign' }),
    node('heads', 'Concatenate', { axis: 1 }),
    node('output', 'Dense', { units: 3, activation: 'softmax' }),
    node('unused', 'Dense', { units: 2 }),
  ],
  [
    edge('input', 'conv_s2'),
    edge('conv_s2', 'bn_img'),
    edge('bn_img', 'pool_max'),
    edge('bn_img', 'pool_avg'),
    edge('pool_max', 'add', 0),
    edge('pool_avg', 'add', 1),
    edge('pool_max', 'cat_c', 0),
    edge('add', 'cat_c', 1),
    edge('cat_c', 'conv_same'),
    edge('conv_same', 'avg_sym'),
    edge('avg_sym', 'conv_valid'),
    // Listed out of port order: the parts must still be joined in port order.
    edge('conv_valid', 'cat_h', 1),
    edge('conv_same', 'cat_h', 0),
    edge('cat_h', 'dense_img'),
    edge('dense_img', 'leaky'),
    edge('leaky', 'softmax_img'),
    // The image softmax beside its input rather than in line: squeezed to (0, 1), it alone would flatten the signal.
    edge('leaky', 'mix', 0),
    edge('softmax_img', 'mix', 1),
    edge('mix', 'flatten'),
    edge('flatten', 'noise'),
    edge('noise', 'to_seq'),
    edge('to_seq', 'bn_seq'),
    edge('bn_seq', 'dense_seq'),
    edge('dense_seq', 'selu'),
    edge('selu', 'flatten_seq'),
    edge('flatten_seq', 'maxout'),
    edge('maxout', 'dropout'),
    edge('dropout', 'bn_vec'),
    // The activation functions side by side (a chain of squashing functions would flatten the signal).
    ...['softplus', 'softsign', 'linear', 'tanh', 'sigmoid', 'relu', 'elu'].flatMap((fn, port) => [
      edge('bn_vec', fn),
      edge(fn, 'functions', port),
    ]),
    ...['hidden', 'hidden2', 'hidden3'].flatMap((head, port) => [edge('functions', head), edge(head, 'heads', port)]),
    edge('heads', 'output'),
    // Not on the Input→output path: left out of the model, as LayerLab leaves it out.
    edge('avg_sym', 'unused'),
  ],
  'output',
);

/** An image autoencoder whose output is an image again: the output leaves the model channels-last. */
export const IMAGE_AUTOENCODER: ModelGraph = chain(
  node('pixels', 'Input', { shape: [8, 8, 2] }),
  node('encode', 'Conv2D', { filters: 3, kernelSize: [3, 3], strides: [2, 2], padding: 'same', activation: 'relu' }),
  node('code', 'Flatten'),
  node('decode', 'Dense', { units: 128, activation: 'sigmoid' }),
  node('image', 'Reshape', { targetShape: [8, 8, 2] }),
);

/** A binary classifier with one sigmoid unit (targets are a single 0/1 column). */
export const BINARY_CLASSIFIER: ModelGraph = chain(
  node('point', 'Input', { shape: [2] }),
  node('hidden', 'Dense', { units: 6, activation: 'tanh' }),
  node('yes', 'Dense', { units: 1, activation: 'sigmoid' }),
);

/** Every template plus the fixtures above: what the export and import tests run on. */
export function interopCases(): InteropCase[] {
  return [
    ...TEMPLATES.map((t) => ({ name: t.id, graph: t.graph, training: t.training, task: t.task })),
    {
      name: 'every-kind',
      graph: EVERY_KIND,
      training: { ...COURSE_TRAINING, optimizer: 'rmsprop', momentum: 0.5 },
      task: 'classification',
    },
    {
      name: 'image-autoencoder',
      graph: IMAGE_AUTOENCODER,
      training: { ...COURSE_TRAINING, loss: 'meanSquaredError', optimizer: 'sgd', learningRate: 0.1 },
      task: 'autoencoder',
    },
    {
      name: 'binary-classifier',
      graph: BINARY_CLASSIFIER,
      training: {
        ...COURSE_TRAINING,
        loss: 'binaryCrossentropy',
        optimizer: 'momentum',
        nesterov: true,
        momentum: 0.8,
      },
      task: 'classification',
    },
  ];
}

/**
 * Replaces every weight with seeded random values (biases and BatchNorm statistics included, variances positive),
 * so a round trip that dropped, transposed or misplaced any of them would change the predictions.
 */
export function randomizeWeights(model: tf.LayersModel, seed: number): void {
  const random = mulberry32(seed);
  for (const layer of model.layers) {
    if (layer.weights.length === 0) continue;
    const values = layer.weights.map((variable) => {
      const shape = variable.shape as number[];
      const size = shape.reduce((a, b) => a * b, 1);
      // Variances must be positive; BatchNorm's scale near 1 keeps it from shrinking the signal.
      const positive = /(moving_variance|gamma)$/.test(variable.originalName);
      // Kernels uniform in ±√(6/fan-in) keep the signal's size from layer to layer: neither saturated softmaxes nor
      // vanishing differences between samples, either of which would let a wrong export pass.
      const scale = shape.length > 1 ? 2 * Math.sqrt(6 / (size / shape[shape.length - 1])) : 1;
      const data = Float32Array.from({ length: size }, () => (positive ? 0.5 + random() : (random() - 0.5) * scale));
      return tf.tensor(data, shape);
    });
    layer.setWeights(values);
    tf.dispose(values);
  }
}

/** `count` seeded random samples for the model's input, row-major, with their shape. */
export function randomInputs(shape: number[], count: number, seed: number): { shape: number[]; values: Float32Array } {
  const random = mulberry32(seed);
  const size = shape.reduce((a, b) => a * b, 1) * count;
  return { shape: [count, ...shape], values: Float32Array.from({ length: size }, () => random()) };
}
