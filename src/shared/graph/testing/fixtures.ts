import type { GraphEdge, GraphNode, JsonValue, LayerKind, ModelGraph } from '../model-graph';

/* Plain-data graph fixtures for tests (here and in the renderer/engine): short to write, easy to read. */

export function node(id: string, kind: LayerKind, config: Record<string, JsonValue> = {}, label?: string): GraphNode {
  const made: GraphNode = { id, kind, config, position: { x: 0, y: 0 } };
  if (label !== undefined) made.label = label;
  return made;
}

export function edge(source: string, target: string, targetPort?: number): GraphEdge {
  const made: GraphEdge = {
    id: `${source}->${target}${targetPort === undefined ? '' : `:${targetPort}`}`,
    source,
    target,
  };
  if (targetPort !== undefined) made.targetPort = targetPort;
  return made;
}

export function graphOf(nodes: GraphNode[], edges: GraphEdge[], outputId?: string): ModelGraph {
  return outputId === undefined ? { version: 1, nodes, edges } : { version: 1, nodes, edges, outputId };
}

/** A straight chain; node ids are the given ids, edges connect them in order. */
export function chain(...nodes: GraphNode[]): ModelGraph {
  return graphOf(
    nodes,
    nodes.slice(1).map((target, i) => edge(nodes[i].id, target.id)),
  );
}

/** The course's three models on the 36×36×1 fonts (5 classes). */
export const COURSE_CNN: ModelGraph = chain(
  node('input', 'Input', { shape: [36, 36, 1] }),
  node('conv', 'Conv2D', { filters: 4, kernelSize: [5, 5], strides: [1, 1], padding: 'same', activation: 'relu' }),
  node('pool', 'MaxPool2D', { poolSize: [2, 2] }),
  node('flatten', 'Flatten'),
  node('hidden', 'Dense', { units: 32, activation: 'relu' }),
  node('dropout', 'Dropout', { rate: 0.5 }),
  node('output', 'Dense', { units: 5, activation: 'softmax' }),
);

export const COURSE_FEED_FORWARD: ModelGraph = chain(
  node('input', 'Input', { shape: [36, 36, 1] }),
  node('flatten', 'Flatten'),
  node('h1', 'Dense', { units: 128, activation: 'sigmoid' }),
  node('h2', 'Dense', { units: 32, activation: 'sigmoid' }),
  node('output', 'Dense', { units: 5, activation: 'softmax' }),
);

export const COURSE_LOGISTIC_REGRESSION: ModelGraph = chain(
  node('input', 'Input', { shape: [36, 36, 1] }),
  node('flatten', 'Flatten'),
  node('output', 'Dense', { units: 5, activation: 'softmax' }),
);
