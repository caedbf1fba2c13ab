import type { GraphNode, LayerKind, ModelGraph } from '../graph/model-graph';
import { getOutgoers } from '../graph/graph-traversal';
import { withDefaults } from '../layers/catalogue';
import type { Task } from '../training/task';

/**
 * Which views a run offers, decided from what it trained (graph, task, input shape) before asking its model anything:
 * a model without a Conv2D has no filter view, a data set of pictures no decision boundary, and so on. The training dock
 * lists exactly the views whose rule holds.
 */
export interface ViewSubject {
  graph: ModelGraph;
  task: Task;
}

/** Kinds whose output is a stack of feature maps when they get one. */
const FEATURE_MAP_KINDS: ReadonlySet<LayerKind> = new Set<LayerKind>(['Conv2D', 'MaxPool2D', 'AvgPool2D']);

/** Kinds that reshape without computing: a Dense behind them still sees the input's pixels one to one. */
const PASS_THROUGH_KINDS: ReadonlySet<LayerKind> = new Set<LayerKind>(['Flatten', 'Reshape']);

/** The Input node's shape (batch axis excluded), or null without an Input. */
export function inputShapeOf(graph: ModelGraph): number[] | null {
  const input = graph.nodes.find((node) => node.kind === 'Input');
  if (!input) return null;
  const shape = withDefaults('Input', input.config).shape;
  return Array.isArray(shape) ? (shape as number[]) : null;
}

/** Points in the plane: the 2-D classroom sets. */
export function isPlaneInput(shape: readonly number[] | null): boolean {
  return shape !== null && shape.length === 1 && shape[0] === 2;
}

/** Pictures: [height, width, 1 or 3]. */
export function isPictureInput(shape: readonly number[] | null): boolean {
  return shape !== null && shape.length === 3 && (shape[2] === 1 || shape[2] === 3);
}

/** The first Conv2D, whose filters look at the input itself; null when the model has none. */
export function firstConv2D(graph: ModelGraph): GraphNode | null {
  const input = graph.nodes.find((node) => node.kind === 'Input');
  if (!input) return null;
  const seen = new Set<string>([input.id]);
  const queue = [input];
  for (let head = 0; head < queue.length; head++) {
    for (const next of getOutgoers(graph, queue[head].id)) {
      if (seen.has(next.id)) continue;
      if (next.kind === 'Conv2D') return next;
      seen.add(next.id);
      queue.push(next);
    }
  }
  return null;
}

/**
 * A Dense layer that sees the input's pixels directly (only Flatten/Reshape between them): each of its units has one
 * weight per pixel, drawn as a picture — a logistic regression's weights are one picture per class.
 */
export function pixelDense(graph: ModelGraph): GraphNode | null {
  const input = graph.nodes.find((node) => node.kind === 'Input');
  if (!input || !isPictureInput(inputShapeOf(graph))) return null;
  let node: GraphNode = input;
  for (;;) {
    const next = getOutgoers(graph, node.id);
    if (next.length !== 1) return null;
    if (next[0].kind === 'Dense') return next[0];
    if (!PASS_THROUGH_KINDS.has(next[0].kind)) return null;
    node = next[0];
  }
}

export const VIEW_RULES = {
  /** The predicted class over the plane, for classifiers of 2-D points. */
  boundary: (s: ViewSubject) => s.task === 'classification' && isPlaneInput(inputShapeOf(s.graph)),
  /** The user's own input: a point for 2-D classifiers, a drawing or a picture for picture models. */
  tryIt: (s: ViewSubject) =>
    isPictureInput(inputShapeOf(s.graph)) || (s.task === 'classification' && isPlaneInput(inputShapeOf(s.graph))),
  /** First-layer weights as pictures: Conv2D filters, or a Dense layer's weights per pixel. */
  weights: (s: ViewSubject) => firstConv2D(s.graph) !== null || pixelDense(s.graph) !== null,
  /** Feature maps of the convolution and pooling layers for a chosen sample. */
  featureMaps: (s: ViewSubject) =>
    isPictureInput(inputShapeOf(s.graph)) && s.graph.nodes.some((node) => FEATURE_MAP_KINDS.has(node.kind)),
  /** Input, reconstruction and their difference, for autoencoders. */
  reconstruction: (s: ViewSubject) => s.task === 'autoencoder',
} satisfies Record<string, (subject: ViewSubject) => boolean>;
