import type { GraphEdge, GraphNode, LayerKind, ModelGraph } from '../graph/model-graph';
import { MODEL_GRAPH_VERSION } from '../graph/model-graph';
import type { LayerConfig } from '../layers/layer-definition';
import type { DatasetRef } from '../training/dataset';
import type { TrainConfig } from '../training/train-config';

/** A ready-made project: a graph, how to train it and on which data. */
export interface Template {
  id: string;
  name: string;
  /** One line for pickers and `layerlab templates`. */
  description: string;
  graph: ModelGraph;
  training: TrainConfig;
  dataset: DatasetRef;
  /** `autoencoder`: the model learns to reproduce its input, so there are no classes, accuracy or confusion matrix. */
  task: 'classification' | 'autoencoder';
}

/** Vertical distance between consecutive layers on the canvas, in flow units. */
const ROW_HEIGHT = 110;

/**
 * A straight chain of layers laid out top to bottom, node ids derived from the kind (`dense-1`, `dense-2`...),
 * the last layer being the output.
 */
export function chainGraph(layers: readonly [LayerKind, LayerConfig][]): ModelGraph {
  const counts = new Map<LayerKind, number>();
  const nodes: GraphNode[] = layers.map(([kind, config], index) => {
    const n = (counts.get(kind) ?? 0) + 1;
    counts.set(kind, n);
    return { id: `${kind.toLowerCase()}-${n}`, kind, config, position: { x: 0, y: index * ROW_HEIGHT } };
  });
  const edges: GraphEdge[] = nodes.slice(1).map((node, index) => ({
    id: `e-${nodes[index].id}-${node.id}`,
    source: nodes[index].id,
    target: node.id,
  }));
  return { version: MODEL_GRAPH_VERSION, nodes, edges, outputId: nodes[nodes.length - 1].id };
}

/** The course's settings: mini-batches of 32, 10 % held out for validation, seeded. */
export const COURSE_TRAINING: TrainConfig = {
  optimizer: 'adam',
  learningRate: 0.001,
  epochs: 10,
  batchSize: 32,
  loss: 'categoricalCrossentropy',
  validationSplit: 0.1,
  shuffle: true,
  seed: 1,
};

export const FONTS: DatasetRef = { kind: 'builtin', id: 'fonts' };
