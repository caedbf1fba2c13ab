import * as tf from '@tensorflow/tfjs';
import type { Initializer } from '@tensorflow/tfjs-layers/dist/initializers';
import type { GraphNode, ModelGraph } from '../../shared/graph/model-graph';
import type { LayerConfig } from '../../shared/layers/layer-definition';
import { topologicalOrder } from '../../shared/graph/topological-order';
import { withDefaults } from '../../shared/layers/catalogue';
import { EngineError } from './engine-error';
import { layerNamesForGraph } from './layer-names';
import { Maxout } from './maxout-layer';
import { deriveSeed } from '../../shared/seeded-random';

export interface BuildModelOptions {
  /** Seeds every initializer (each layer gets its own stream), so the same seed gives the same initial weights. */
  seed?: number;
}

/**
 * Compiles a ModelGraph into a tfjs functional model, visiting nodes in topological order so branches and merges
 * (Add, Concatenate in `targetPort` order) work. Layer names come from `layerNamesForGraph`.
 * The graph is assumed valid (run `analyzeGraph` first); structural surprises still throw an EngineError naming the node.
 */
export function buildModel(graph: ModelGraph, options: BuildModelOptions = {}): tf.LayersModel {
  const names = layerNamesForGraph(graph);
  const order = nodesInOrder(graph);
  const outputs = new Map<string, tf.SymbolicTensor>();
  let input: tf.SymbolicTensor | null = null;

  order.forEach((node, index) => {
    const config = withDefaults(node.kind, node.config) as LayerConfig;
    const name = names.get(node.id)!;
    const seed = options.seed === undefined ? undefined : deriveSeed(options.seed, index + 1);
    if (node.kind === 'Input') {
      if (input != null) throw new EngineError('invalid-graph', `Node "${node.id}": a model can have only one Input`);
      input = tf.input({ shape: config.shape as number[], name });
      outputs.set(node.id, input);
      return;
    }
    const incoming = graph.edges
      .filter((edge) => edge.target === node.id)
      .sort((a, b) => (a.targetPort ?? 0) - (b.targetPort ?? 0))
      .map((edge) => outputs.get(edge.source)!);
    if (incoming.length === 0) throw new EngineError('invalid-graph', `Node "${node.id}" (${node.kind}) has no input`);
    const layer = createLayer(node, config, name, seed);
    const applied = layer.apply(incoming.length === 1 ? incoming[0] : incoming) as tf.SymbolicTensor;
    outputs.set(node.id, applied);
  });

  if (input == null) throw new EngineError('invalid-graph', 'The graph has no Input node');
  const outputId = graph.outputId ?? singleSink(graph);
  const output = outputs.get(outputId);
  if (output == null) throw new EngineError('invalid-graph', `Output node "${outputId}" is not connected to the Input`);
  return tf.model({ inputs: input, outputs: output, name: 'layerlab' });
}

function createLayer(node: GraphNode, config: LayerConfig, name: string, seed: number | undefined): tf.layers.Layer {
  const c = config as Record<string, any>;
  switch (node.kind) {
    case 'Dense':
      return tf.layers.dense({
        name,
        units: c.units,
        activation: c.activation,
        useBias: c.useBias,
        kernelInitializer: initializer(c.kernelInitializer, seed, node),
      });
    case 'Conv2D':
      return tf.layers.conv2d({
        name,
        filters: c.filters,
        kernelSize: c.kernelSize,
        strides: c.strides,
        padding: c.padding,
        activation: c.activation,
        useBias: c.useBias,
        kernelInitializer: initializer(c.kernelInitializer, seed, node),
      });
    case 'MaxPool2D':
      return tf.layers.maxPooling2d({
        name,
        poolSize: c.poolSize,
        strides: c.strides ?? undefined,
        padding: c.padding,
      });
    case 'AvgPool2D':
      return tf.layers.averagePooling2d({
        name,
        poolSize: c.poolSize,
        strides: c.strides ?? undefined,
        padding: c.padding,
      });
    case 'Dropout':
      // No seed: a seeded tfjs dropout reuses one mask for every batch. Repeatability comes from the seeded Math.random.
      return tf.layers.dropout({ name, rate: c.rate });
    case 'Maxout':
      return new Maxout({
        name,
        units: c.units,
        pieces: c.pieces,
        kernelInitializer: initializer('glorotUniform', seed, node),
      });
    case 'Softmax':
      // tfjs's Softmax layer defaults to axis 1 (Keras: -1); the catalogue means the last axis.
      return tf.layers.softmax({ name, axis: -1 });
    case 'Activation':
      if (c.activation === 'leakyRelu') return tf.layers.leakyReLU({ name, alpha: c.alpha });
      return tf.layers.activation({ name, activation: c.activation });
    case 'Flatten':
      return tf.layers.flatten({ name });
    case 'Reshape':
      return tf.layers.reshape({ name, targetShape: c.targetShape });
    case 'BatchNorm':
      return tf.layers.batchNormalization({ name, momentum: c.momentum, epsilon: c.epsilon });
    case 'Add':
      return tf.layers.add({ name });
    case 'Concatenate':
      return tf.layers.concatenate({ name, axis: c.axis });
    case 'GaussianNoise':
      return tf.layers.gaussianNoise({ name, stddev: c.stddev });
    case 'Input':
      break;
  }
  throw new EngineError('invalid-graph', `Node "${node.id}": layer kind ${node.kind} cannot be built here`);
}

const SEEDED_INITIALIZERS: Record<string, (args: { seed?: number }) => Initializer> = {
  glorotUniform: (args) => tf.initializers.glorotUniform(args),
  glorotNormal: (args) => tf.initializers.glorotNormal(args),
  heUniform: (args) => tf.initializers.heUniform(args),
  heNormal: (args) => tf.initializers.heNormal(args),
  leCunUniform: (args) => tf.initializers.leCunUniform(args),
  leCunNormal: (args) => tf.initializers.leCunNormal(args),
  randomUniform: (args) => tf.initializers.randomUniform(args),
  randomNormal: (args) => tf.initializers.randomNormal(args),
  truncatedNormal: (args) => tf.initializers.truncatedNormal(args),
  orthogonal: (args) => tf.initializers.orthogonal(args),
  zeros: () => tf.initializers.zeros(),
  ones: () => tf.initializers.ones(),
};

function initializer(name: unknown, seed: number | undefined, node: GraphNode): Initializer {
  const key = typeof name === 'string' ? name : 'glorotUniform';
  const make = SEEDED_INITIALIZERS[key];
  if (make == null) {
    throw new EngineError('invalid-graph', `Node "${node.id}": unknown kernel initializer "${key}"`);
  }
  return make(seed === undefined ? {} : { seed });
}

/** Nodes sources-first; ties keep file order, so the result (and the per-layer seeds) are stable. */
function nodesInOrder(graph: ModelGraph): GraphNode[] {
  const ids = new Set(graph.nodes.map((node) => node.id));
  const edges = graph.edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target));
  const { order, cycleNodeIds } = topologicalOrder(
    graph.nodes.map((node) => node.id),
    edges,
  );
  if (cycleNodeIds.length > 0)
    throw new EngineError('invalid-graph', `The graph has a cycle through ${cycleNodeIds.join(', ')}`);
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  return order.map((id) => byId.get(id)!);
}

function singleSink(graph: ModelGraph): string {
  const sources = new Set(graph.edges.map((edge) => edge.source));
  const sinks = graph.nodes.filter((node) => !sources.has(node.id));
  if (sinks.length !== 1) {
    throw new EngineError('invalid-graph', `The graph has ${sinks.length} outputs; mark one node as the output`);
  }
  return sinks[0].id;
}
