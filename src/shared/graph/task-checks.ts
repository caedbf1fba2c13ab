import type { GraphEdge, GraphNode, LayerKind, Shape } from './model-graph';
import type { AnalysisContext, GraphAnalysis, Task } from './analyze-graph';
import { formatShape, shapesEqual } from '../layers/shape-math';
import { describeNode, type GraphProblem } from './problems';
import { reachable } from './graph-traversal';
import { successors, type GraphIndex } from './read-graph';

/** Layers that pass their input's size through, so the units of a classifier are set further up. */
const SIZE_PRESERVING: ReadonlySet<LayerKind> = new Set([
  'Activation',
  'Softmax',
  'Dropout',
  'GaussianNoise',
  'BatchNorm',
]);

/** The task the output is checked against: the caller's, decided from the output shape, or the default. */
export function taskForOutput(context: AnalysisContext, outputShape: Shape): Task | null {
  if (typeof context.task === 'function') return context.task(outputShape);
  return context.task ?? (typeof context.numClasses === 'number' ? 'classification' : null);
}

/**
 * Does the output fit what the data asks for (`analysis.task`): one score per class, or a copy of the input for an
 * autoencoder?
 */
export function checkOutputForTask(
  index: GraphIndex,
  analysis: GraphAnalysis,
  outputShape: Shape,
  context: AnalysisContext,
): GraphProblem[] {
  const outputId = analysis.outputId as string;
  const output = index.nodeById.get(outputId) as GraphNode;
  const task = analysis.task;

  if (task === 'autoencoder') {
    const inputShape = Array.isArray(context.inputShape)
      ? context.inputShape
      : analysis.inputId !== null
        ? analysis.shapes[analysis.inputId]
        : null;
    if (!inputShape || shapesEqual(inputShape, outputShape)) return [];
    return [
      {
        nodeId: outputId,
        code: 'autoencoder-shape-mismatch',
        severity: 'error',
        message: `Output ${describeNode(output)} gives shape ${formatShape(outputShape)}, but an autoencoder must reproduce its input, shape ${formatShape(inputShape)}.`,
      },
    ];
  }
  if (task !== 'classification') return [];

  if (outputShape.length > 1) {
    const culprit = firstDenseOnManyAxes(index, analysis);
    const scores = typeof context.numClasses === 'number' ? `[${context.numClasses}]` : '[classes]';
    const advice = culprit
      ? ` ${describeNode(culprit.node)} receives ${formatShape(culprit.input)} and works on its last axis only: insert a Flatten before it.`
      : ' Add a Flatten and a Dense layer with one unit per class at the end.';
    return [
      {
        nodeId: outputId,
        code: 'output-not-flat',
        severity: 'error',
        message: `Output ${describeNode(output)} gives shape ${formatShape(outputShape)}, but a classifier needs one score per class, shape ${scores}.${advice}`,
        fix: culprit
          ? {
              type: 'insert-flatten',
              beforeNodeId: culprit.node.id,
              label: `Insert a Flatten before ${describeNode(culprit.node)}`,
            }
          : undefined,
      },
    ];
  }

  const classes = context.numClasses;
  if (typeof classes !== 'number' || outputShape[0] === classes) return [];
  const unitsNode = findUnitsNode(index, output);
  const name = describeNode(unitsNode ?? output);
  return [
    {
      nodeId: (unitsNode ?? output).id,
      code: 'class-count-mismatch',
      severity: 'error',
      message: unitsNode
        ? `${name} has ${plural(outputShape[0], 'unit')} but the dataset has ${plural(classes, 'class', 'classes')}.`
        : `Output ${name} gives ${plural(outputShape[0], 'value')} but the dataset has ${plural(classes, 'class', 'classes')}.`,
      fix: unitsNode
        ? { type: 'set-config', nodeId: unitsNode.id, key: 'units', value: classes, label: `Set units to ${classes}` }
        : undefined,
    },
  ];
}

/** The first Dense on the model path (in topological order) applied to a tensor with more than one axis. */
function firstDenseOnManyAxes(index: GraphIndex, analysis: GraphAnalysis): { node: GraphNode; input: Shape } | null {
  for (const id of analysis.order) {
    const node = index.nodeById.get(id) as GraphNode;
    if (node.kind !== 'Dense') continue;
    const source = index.incoming.get(id)?.[0]?.source;
    const input = source === undefined ? null : analysis.shapes[source];
    if (input && input.length > 1 && feedsOutput(index, id, analysis.outputId as string)) return { node, input };
  }
  return null;
}

function feedsOutput(index: GraphIndex, from: string, outputId: string): boolean {
  return reachable([from], (id) => successors(index, id)).has(outputId);
}

/** The Dense or Maxout whose `units` set the output size, walking back through size-preserving layers. */
function findUnitsNode(index: GraphIndex, output: GraphNode): GraphNode | null {
  let node: GraphNode | undefined = output;
  while (node) {
    if (node.kind === 'Dense' || node.kind === 'Maxout') return node;
    if (!SIZE_PRESERVING.has(node.kind)) return null;
    const incoming: GraphEdge[] = index.incoming.get(node.id) ?? [];
    node = incoming.length === 1 ? index.nodeById.get(incoming[0].source) : undefined;
  }
  return null;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
