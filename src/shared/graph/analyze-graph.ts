import type { GraphNode, ModelGraph, Shape } from './model-graph';
import type { LayerConfig, ShapeRepair } from '../layers/layer-definition';
import { getLayerDefinition, withDefaults } from '../layers/catalogue';
import { formatShape, shapesEqual } from '../layers/shape-math';
import { describeNode, type GraphFix, type GraphProblem, type ProblemCode } from './problems';
import { reachable } from './graph-traversal';
import { predecessors, readGraph, successors, type GraphIndex } from './read-graph';
import {
  formatCount,
  listCapped,
  MAX_GRAPH_EDGES,
  MAX_GRAPH_NODES,
  MAX_LAYER_PARAMS,
  MAX_OUTPUT_ELEMENTS,
  MAX_TOTAL_PARAMS,
} from './graph-limits';
import { topologicalOrder } from './topological-order';
import { validateNodeConfig } from './validate-config';
import { checkOutputForTask, taskForOutput } from './task-checks';
import type { Task } from '../training/task';

/** What the analysis knows about the data the graph will be trained on. */
export interface AnalysisContext {
  /** The dataset's sample shape without the batch axis; the Input layer must match it. */
  inputShape?: Shape;
  /** Classes in the dataset; a classifier's output must have this many units. */
  numClasses?: number;
  /**
   * What the output must give: the project's task (resolveTask). Defaults to 'classification' when `numClasses` is
   * given; without either, the output is not checked.
   */
  task?: Task;
}

export interface NodeParams {
  trainable: number;
  nonTrainable: number;
}

export interface GraphAnalysis {
  /** Node ids in topological order (nodes on or behind a cycle are left out). */
  order: string[];
  inputId: string | null;
  outputId: string | null;
  /** Output shape per node without the batch axis; null where it cannot be known (a problem at or before it). */
  shapes: Record<string, Shape | null>;
  /** Per node, as tfjs counts them; 0 for nodes whose shape is unknown. */
  params: Record<string, NodeParams>;
  /** Sum over the nodes the model is built from (the Input→output path), equal to tfjs `countParams()`. */
  totalParams: number;
  trainableParams: number;
  problems: GraphProblem[];
  /** The task the output was checked against; null when it was not checked (no task, or no output shape). */
  task: Task | null;
}

/**
 * Validates a graph and infers every node's shape and parameter count. Pure and total: it never throws, whatever
 * it is given, and reports each problem once, where it occurs (nodes after a problem get a null shape instead
 * of further messages).
 */
export function analyzeGraph(graph: ModelGraph, context: AnalysisContext = {}): GraphAnalysis {
  try {
    return analyze(graph, context ?? {});
  } catch (error) {
    // Only reachable through a bug; the user still gets a message instead of a broken editor.
    return {
      ...emptyAnalysis(),
      problems: [
        {
          code: 'invalid-graph',
          severity: 'error',
          message: `The graph could not be analysed (${error instanceof Error ? error.message : String(error)}).`,
        },
      ],
    };
  }
}

function emptyAnalysis(): GraphAnalysis {
  return {
    order: [],
    inputId: null,
    outputId: null,
    shapes: {},
    params: {},
    totalParams: 0,
    trainableParams: 0,
    problems: [],
    task: null,
  };
}

function analyze(graph: ModelGraph, context: AnalysisContext): GraphAnalysis {
  const index = readGraph(graph);
  const result = emptyAnalysis();
  const problems = [...index.problems];
  result.problems = problems;
  if (index.nodes.length > MAX_GRAPH_NODES || index.edges.length > MAX_GRAPH_EDGES) {
    // Nothing more is analysed: every later step is at least linear in the graph, and nothing this big is built.
    problems.push({
      code: 'graph-too-large',
      severity: 'error',
      message:
        `The graph has ${formatCount(index.nodes.length)} layers and ${formatCount(index.edges.length)} connections; ` +
        `LayerLab builds at most ${formatCount(MAX_GRAPH_NODES)} layers and ${formatCount(MAX_GRAPH_EDGES)} connections.`,
    });
    return result;
  }

  const configs = new Map<string, LayerConfig>();
  const badConfig = new Set<string>();
  for (const node of index.nodes) {
    const configProblems = validateNodeConfig(node);
    if (configProblems.length > 0) {
      badConfig.add(node.id);
      problems.push(...configProblems);
    } else {
      configs.set(node.id, withDefaults(node.kind, node.config));
    }
  }

  const { order, cycleNodeIds } = topologicalOrder(
    index.nodes.map((node) => node.id),
    index.edges,
  );
  result.order = order;
  const onCycle = new Set(cycleNodeIds);
  if (cycleNodeIds.length > 0) {
    // Every node on it shows the problem, with one message naming a few of them: the message must not grow with
    // the cycle (10,000 nodes each naming 10,000 made 1.5 GB of text).
    const names = listCapped(cycleNodeIds.map((id) => describeNode(index.nodeById.get(id) as GraphNode)));
    const message = `A cycle runs through ${names}: data must flow one way, from the Input to the output. Remove one of these connections.`;
    for (const id of cycleNodeIds) problems.push(nodeProblem(id, 'cycle', message));
  }

  const inputs = index.nodes.filter((node) => node.kind === 'Input');
  result.inputId = inputs[0]?.id ?? null;
  if (inputs.length === 0) {
    problems.push({
      code: 'no-input',
      severity: 'error',
      message: 'The graph has no Input layer: add one from the palette and connect it to the first layer.',
    });
  }
  for (const extra of inputs.slice(1)) {
    problems.push(
      nodeProblem(
        extra.id,
        'multiple-inputs',
        `${describeNode(extra)} is a second Input; a model has exactly one for now (${describeNode(inputs[0])}). Remove it or connect its layers to the first Input.`,
      ),
    );
  }

  result.outputId = findOutput(index, result.inputId, cycleNodeIds.length > 0, problems);
  const dangling = findDangling(index, result.inputId, result.outputId, onCycle);
  for (const id of dangling) {
    const node = index.nodeById.get(id) as GraphNode;
    if (node.kind === 'Input' && id !== result.inputId) continue; // already reported as a second Input
    problems.push({
      nodeId: id,
      code: 'dangling-node',
      severity: 'warning',
      message: `${describeNode(node)} is not on the path from the Input to the output, so it is left out of the model.`,
    });
  }

  inferShapes(index, order, configs, badConfig, dangling, result, context);

  if (result.outputId !== null) {
    const outputShape = result.shapes[result.outputId];
    if (outputShape) {
      result.task = taskForOutput(context);
      problems.push(...checkOutputForTask(index, result, outputShape, context));
    }
  }

  // The model tfjs builds holds exactly the nodes on the path; others only get their own count shown.
  for (const id of order) {
    if (dangling.has(id)) continue;
    const params = result.params[id];
    result.trainableParams += params.trainable;
    result.totalParams += params.trainable + params.nonTrainable;
  }
  problems.push(...sizeProblems(index, order, result));
  return result;
}

/** Layers (and a model) too big to build: checked from the inferred shapes and counts, before tfjs allocates them. */
function sizeProblems(index: GraphIndex, order: string[], result: GraphAnalysis): GraphProblem[] {
  const found: GraphProblem[] = [];
  for (const id of order) {
    const node = index.nodeById.get(id) as GraphNode;
    const { trainable, nonTrainable } = result.params[id];
    const params = trainable + nonTrainable;
    if (params > MAX_LAYER_PARAMS) {
      found.push(
        nodeProblem(
          id,
          'too-many-params',
          `${describeNode(node)} would have ${formatCount(params)} parameters; a layer may have at most ${formatCount(MAX_LAYER_PARAMS)}. Use fewer units or filters, or a smaller input.`,
        ),
      );
    }
    const shape = result.shapes[id];
    const elements = shape ? shape.reduce((product, dim) => product * dim, 1) : 0;
    if (elements > MAX_OUTPUT_ELEMENTS) {
      found.push(
        nodeProblem(
          id,
          'output-too-large',
          `${describeNode(node)} would output ${formatCount(elements)} values per sample; at most ${formatCount(MAX_OUTPUT_ELEMENTS)} can be trained. Use fewer units or filters, or pool first.`,
        ),
      );
    }
  }
  if (result.totalParams > MAX_TOTAL_PARAMS) {
    found.push({
      code: 'too-many-params',
      severity: 'error',
      message: `The model would have ${formatCount(result.totalParams)} parameters; LayerLab builds at most ${formatCount(MAX_TOTAL_PARAMS)}.`,
    });
  }
  return found;
}

function findOutput(
  index: GraphIndex,
  inputId: string | null,
  hasCycle: boolean,
  problems: GraphProblem[],
): string | null {
  if (index.outputId !== undefined) {
    if (index.nodeById.has(index.outputId)) return index.outputId;
    problems.push({
      code: 'unknown-output',
      severity: 'error',
      message: `The output is set to "${index.outputId}", but no node has that id.`,
    });
    return null;
  }
  const fromInput = inputId === null ? null : reachable([inputId], (id) => successors(index, id));
  const sinks = index.nodes.filter(
    (node) => (index.outgoing.get(node.id) ?? []).length === 0 && (fromInput === null || fromInput.has(node.id)),
  );
  // A lone Input is the output only of a graph that has nothing else.
  const candidates = index.nodes.length > 1 ? sinks.filter((node) => node.id !== inputId) : sinks;
  if (candidates.length === 1) return candidates[0].id;
  if (candidates.length === 0) {
    // A cycle swallowing every sink is reported as the cycle; an empty graph as the missing Input.
    if (hasCycle || index.nodes.length === 0) return null;
    const input = inputId === null ? undefined : index.nodeById.get(inputId);
    problems.push(
      input
        ? nodeProblem(
            input.id,
            'no-output',
            `Nothing leads from ${describeNode(input)} to an output: connect layers after it.`,
          )
        : { code: 'no-output', severity: 'error', message: 'The graph has no output: every layer feeds another one.' },
    );
    return null;
  }
  const names = candidates.map(describeNode).join(', ');
  for (const candidate of candidates) {
    problems.push({
      nodeId: candidate.id,
      code: 'multiple-outputs',
      severity: 'error',
      message: `The graph has ${candidates.length} possible outputs (${names}): merge them with Add or Concatenate, remove the extra ones, or choose the output.`,
      fix: { type: 'set-output', nodeId: candidate.id, label: `Use ${describeNode(candidate)} as the output` },
    });
  }
  return null;
}

/**
 * Nodes the model will not contain. With a known output: everything not feeding it. Otherwise, with an Input:
 * everything neither reached from it nor feeding a node it reaches (a fresh, unconnected node).
 */
function findDangling(
  index: GraphIndex,
  inputId: string | null,
  outputId: string | null,
  onCycle: Set<string>,
): Set<string> {
  const dangling = new Set<string>();
  if (inputId === null) return dangling;
  let keep: Set<string>;
  if (outputId !== null) {
    keep = reachable([outputId], (id) => predecessors(index, id));
  } else {
    const fromInput = reachable([inputId], (id) => successors(index, id));
    keep = reachable(fromInput, (id) => predecessors(index, id));
  }
  for (const node of index.nodes) {
    if (!keep.has(node.id) && !onCycle.has(node.id)) dangling.add(node.id);
  }
  return dangling;
}

function inferShapes(
  index: GraphIndex,
  order: string[],
  configs: Map<string, LayerConfig>,
  badConfig: Set<string>,
  dangling: Set<string>,
  result: GraphAnalysis,
  context: AnalysisContext,
): void {
  const { shapes, params, problems } = result;
  for (const node of index.nodes) {
    shapes[node.id] = null;
    params[node.id] = { trainable: 0, nonTrainable: 0 };
  }
  for (const id of order) {
    const node = index.nodeById.get(id) as GraphNode;
    const definition = getLayerDefinition(node.kind);
    const incoming = index.incoming.get(id) ?? [];
    const { min, max } = definition.inputs;
    if (incoming.length < min || incoming.length > max) {
      // An unconnected node is reported as dangling already; its input count says nothing more.
      if (!dangling.has(id))
        problems.push(nodeProblem(id, 'wrong-input-count', inputCountMessage(node, incoming.length, min, max)));
      continue;
    }
    const config = configs.get(id);
    if (config === undefined || badConfig.has(id)) continue;
    const inputShapes: Shape[] = [];
    for (const edge of incoming) {
      const shape = shapes[edge.source];
      if (!shape) break;
      inputShapes.push(shape);
    }
    if (inputShapes.length < incoming.length) continue;

    const outcome = definition.outputShape(inputShapes, config);
    if (!outcome.ok) {
      const afterFlatten = outcome.code === 'needs-image' ? flattenedImage(index, node, shapes, dangling) : null;
      problems.push({
        nodeId: id,
        code: outcome.code,
        // A layer left out of the model doesn't stop training, but its real problem is still worth saying.
        severity: dangling.has(id) ? 'warning' : 'error',
        message: afterFlatten?.message ?? `${describeNode(node)}: ${outcome.message}`,
        fix: afterFlatten?.fix ?? shapeFix(node, outcome.repair),
      });
      continue;
    }
    shapes[id] = outcome.shape;
    params[id] = countParams(definition.paramCount(inputShapes, config), config);

    if (node.kind === 'Input' && id === result.inputId && context.inputShape && Array.isArray(context.inputShape)) {
      if (!shapesEqual(outcome.shape, context.inputShape)) {
        problems.push({
          nodeId: id,
          code: 'input-shape-mismatch',
          severity: 'error',
          message: `${describeNode(node)} has shape ${formatShape(outcome.shape)} but the dataset's samples have shape ${formatShape(context.inputShape)}.`,
          fix: {
            type: 'set-input-shape',
            nodeId: id,
            shape: [...context.inputShape],
            label: `Set the Input shape to ${formatShape(context.inputShape)}`,
          },
        });
      }
    }
  }
}

/**
 * A layer that needs an image reads from a Flatten that was given one (Conv2D after Flatten, a classic slip): the
 * problem is the order, so the fix moves the layer above the Flatten, or, when the Flatten also feeds other layers
 * or the layer is a branch off it, makes it read the image the Flatten reads. Null for any other needs-image case.
 */
function flattenedImage(
  index: GraphIndex,
  node: GraphNode,
  shapes: Record<string, Shape | null>,
  dangling: ReadonlySet<string>,
): { message: string; fix: GraphFix } | null {
  const incoming = index.incoming.get(node.id) ?? [];
  const flatten = incoming.length === 1 ? index.nodeById.get(incoming[0].source) : undefined;
  if (flatten?.kind !== 'Flatten') return null;
  const feed = index.incoming.get(flatten.id) ?? [];
  const image = feed.length === 1 ? shapes[feed[0].source] : null;
  if (!image || image.length !== 3) return null;
  const name = describeNode(node);
  const message =
    `${name} needs an image [height, width, channels], but it comes after ${describeNode(flatten)}, which has ` +
    `already turned the ${formatShape(image)} image into a flat list of ${formatShape(shapes[flatten.id])}: ` +
    `convolution and pooling layers go before Flatten.`;
  const onlyConsumer = (index.outgoing.get(flatten.id) ?? []).length === 1;
  if (onlyConsumer && !dangling.has(node.id)) {
    return {
      message,
      fix: {
        type: 'move-before',
        nodeId: node.id,
        beforeNodeId: flatten.id,
        label: `Move ${name} above ${describeNode(flatten)}`,
      },
    };
  }
  const source = index.nodeById.get(feed[0].source) as GraphNode;
  return {
    message,
    fix: {
      type: 'set-edge-source',
      edgeId: incoming[0].id,
      sourceId: source.id,
      label: `Connect ${name} to ${describeNode(source)}, before the Flatten`,
    },
  };
}

/** The repair the layer's own shape rule proposed, as a fix the editor can apply to this node. */
function shapeFix(node: GraphNode, repair: ShapeRepair | undefined): GraphFix | undefined {
  const before = describeNode(node);
  switch (repair?.type) {
    case 'insert-flatten':
      return { type: 'insert-flatten', beforeNodeId: node.id, label: `Insert a Flatten before ${before}` };
    case 'insert-reshape':
      return {
        type: 'insert-reshape',
        beforeNodeId: node.id,
        targetShape: [...repair.targetShape],
        label: `Insert a Reshape to ${formatShape(repair.targetShape)} before ${before}`,
      };
    case undefined:
      return undefined;
  }
}

function inputCountMessage(node: GraphNode, count: number, min: number, max: number): string {
  const name = describeNode(node);
  if (max === 0) return `${name} cannot receive connections: remove the ${count === 1 ? 'one' : count} coming into it.`;
  if (count === 0) return `${name} has no input: connect a layer to it.`;
  if (max === 1) {
    return `${name} has ${count} inputs but takes exactly one: merge them first with Add or Concatenate.`;
  }
  return `${name} needs at least ${min} inputs but has ${count}.`;
}

function nodeProblem(nodeId: string, code: ProblemCode, message: string): GraphProblem {
  return { nodeId, code, severity: 'error', message };
}

/** A frozen layer (`trainable: false`) trains none of its weights: tfjs counts them all as non-trainable. */
function countParams(counted: NodeParams, config: LayerConfig): NodeParams {
  return config.trainable === false
    ? { trainable: 0, nonTrainable: counted.trainable + counted.nonTrainable }
    : counted;
}
