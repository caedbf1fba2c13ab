import * as tf from '@tensorflow/tfjs';
import type { Initializer } from '@tensorflow/tfjs-layers/dist/initializers';
import type { GraphNode, LayerKind, ModelGraph } from '../../shared/graph/model-graph';
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
    const incoming = inputsInBuildOrder(graph, node.id).map((source) => outputs.get(source)!);
    if (incoming.length === 0) throw new EngineError('invalid-graph', `Node "${node.id}" (${node.kind}) has no input`);
    const layer = LAYER_BUILDERS[node.kind](config, {
      name,
      inputShape: incoming[0].shape.slice(1) as number[],
      initializer: (key = 'glorotUniform') => initializer(key, seed, node),
    });
    // A frozen layer's weights are left out of `trainableWeights`, which is what the training loop updates.
    layer.trainable = config.trainable !== false;
    const applied = layer.apply(incoming.length === 1 ? incoming[0] : incoming) as tf.SymbolicTensor;
    outputs.set(node.id, applied);
  });

  if (input == null) throw new EngineError('invalid-graph', 'The graph has no Input node');
  const outputId = graph.outputId ?? singleSink(graph);
  const output = outputs.get(outputId);
  if (output == null) throw new EngineError('invalid-graph', `Output node "${outputId}" is not connected to the Input`);
  return tf.model({ inputs: input, outputs: output, name: 'layerlab' });
}

/**
 * The nodes feeding `nodeId`, in the order the built layer receives them (Concatenate's order): by `targetPort`, an
 * unset port counting as 0, then file order. Exporters read the order from here so theirs cannot differ.
 */
export function inputsInBuildOrder(graph: Pick<ModelGraph, 'edges'>, nodeId: string): string[] {
  return graph.edges
    .filter((edge) => edge.target === nodeId)
    .sort((a, b) => (a.targetPort ?? 0) - (b.targetPort ?? 0))
    .map((edge) => edge.source);
}

/** What a builder gets besides the node's config: the layer name, and initializers seeded for this node. */
interface BuildContext {
  name: string;
  /** The (first) input's shape without the batch axis. */
  inputShape: number[];
  /** The named kernel initializer (default glorotUniform) with this node's seed. */
  initializer(name?: unknown): Initializer;
}

/**
 * Builds one layer from its config. Config keys are tfjs's LayerArgs names and every field is present (withDefaults),
 * so most builders hand the config over as it is; its values were checked by analyzeGraph, hence `any`.
 */
type LayerBuilder = (config: any, context: BuildContext) => tf.layers.Layer;

/**
 * One line per layer kind, like tfjs-layers' exports_layers.ts: a kind added to the catalogue fails to compile until
 * it has its line here. Input is not a layer but the model's input tensor (see buildModel).
 */
const LAYER_BUILDERS: Record<Exclude<LayerKind, 'Input'>, LayerBuilder> = {
  Dense: (c, { name, initializer }) =>
    tf.layers.dense({ ...c, name, kernelInitializer: initializer(c.kernelInitializer) }),
  Activation: (c, { name }) =>
    c.activation === 'leakyRelu'
      ? tf.layers.leakyReLU({ name, alpha: c.alpha })
      : tf.layers.activation({ name, activation: c.activation }),
  // tfjs's Softmax layer defaults to axis 1 (Keras: -1); the catalogue means the last axis.
  Softmax: (_c, { name }) => tf.layers.softmax({ name, axis: -1 }),
  Maxout: (c, { name, initializer }) =>
    new Maxout({ name, units: c.units, pieces: c.pieces, kernelInitializer: initializer() }),
  // No seed: a seeded tfjs dropout reuses one mask for every batch. Repeatability comes from the seeded Math.random.
  Dropout: (c, { name }) => tf.layers.dropout({ ...c, name }),
  Conv2D: (c, { name, initializer }) =>
    tf.layers.conv2d({ ...c, name, kernelInitializer: initializer(c.kernelInitializer) }),
  MaxPool2D: (c, { name }) => tf.layers.maxPooling2d({ ...c, name, strides: c.strides ?? undefined }),
  AvgPool2D: (c, { name }) => tf.layers.averagePooling2d({ ...c, name, strides: c.strides ?? undefined }),
  Flatten: (_c, { name }) => tf.layers.flatten({ name }),
  Reshape: (c, { name }) => tf.layers.reshape({ ...c, name }),
  Add: (_c, { name }) => tf.layers.add({ name }),
  // tfjs runs every negative axis on the last one (its shape inference does not): count from the front instead.
  Concatenate: (c, { name, inputShape }) =>
    tf.layers.concatenate({ name, axis: c.axis < -1 ? inputShape.length + 1 + c.axis : c.axis }),
  BatchNorm: (c, { name }) =>
    c.trainable === false ? new FrozenBatchNorm({ ...c, name }) : tf.layers.batchNormalization({ ...c, name }),
  GaussianNoise: (c, { name }) => tf.layers.gaussianNoise({ ...c, name }),
};

/** tfjs's BatchNormalization class, which tfjs exports only through its factory. */
const BatchNormalization = tf.layers.batchNormalization({}).constructor as new (
  args: Record<string, unknown>,
) => tf.layers.Layer;

/**
 * A frozen BatchNorm normalizes with its running statistics in training too (as Keras does for a frozen one), so
 * training moves neither its γ and β nor its statistics. It inherits BatchNormalization's class name, so a saved
 * model.json holds a plain BatchNormalization layer with `trainable: false`.
 */
class FrozenBatchNorm extends BatchNormalization {
  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor | tf.Tensor[] {
    return super.call(inputs, { ...kwargs, training: false });
  }
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
