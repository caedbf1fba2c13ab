import type { GraphNode, LayerKind, ModelGraph } from '../../graph/model-graph';
import { MODEL_GRAPH_VERSION } from '../../graph/model-graph';
import type { LayerConfig } from '../../layers/layer-definition';
import { EXERCISE_FORMAT, EXERCISE_VERSION, type Exercise } from '../exercise';

/** A built-in exercise: everything but the format tag and version, which every exercise file carries. */
export function courseExercise(fields: Omit<Exercise, 'format' | 'version'>): Exercise {
  return { format: EXERCISE_FORMAT, version: EXERCISE_VERSION, ...fields };
}

/** Vertical distance between layers on the canvas, in flow units (as the templates lay them out). */
const ROW_HEIGHT = 110;

/**
 * A starting graph: nodes top to bottom in the given order, `links` as [source, target] ids. An output is named only
 * when it is already in place; a partial graph leaves the choice to the student's finished model.
 */
export function startGraph(
  nodes: readonly [id: string, kind: LayerKind, config: LayerConfig][],
  links: readonly [source: string, target: string][],
  outputId?: string,
): ModelGraph {
  const graphNodes: GraphNode[] = nodes.map(([id, kind, config], index) => ({
    id,
    kind,
    config,
    position: { x: 0, y: index * ROW_HEIGHT },
  }));
  const edges = links.map(([source, target]) => ({ id: `e-${source}-${target}`, source, target }));
  return outputId === undefined
    ? { version: MODEL_GRAPH_VERSION, nodes: graphNodes, edges }
    : { version: MODEL_GRAPH_VERSION, nodes: graphNodes, edges, outputId };
}

/** A chain of nodes, each linked to the next, the last one the output. */
export function chainStart(nodes: readonly [id: string, kind: LayerKind, config: LayerConfig][]): ModelGraph {
  const links = nodes.slice(1).map((node, index): [string, string] => [nodes[index][0], node[0]]);
  return startGraph(nodes, links, nodes[nodes.length - 1][0]);
}

export const FONTS_INPUT: [string, LayerKind, LayerConfig] = ['input', 'Input', { shape: [36, 36, 1] }];
