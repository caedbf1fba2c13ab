import type { GraphEdge, GraphNode, Shape } from './model-graph';
import type { AnalysisContext, GraphAnalysis } from './analyze-graph';
import type { Task } from '../training/task';
import { getLayerDefinition } from '../layers/catalogue';
import { formatShape, shapesEqual } from '../layers/shape-math';
import { describeNode, type GraphProblem } from './problems';
import { reachable } from './graph-traversal';
import { successors, type GraphIndex } from './read-graph';

/** The task the output is checked against: the caller's, or classification when the data has classes. */
export function taskForOutput(context: AnalysisContext): Task | null {
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
    const culprit = firstSizingLayerOnManyAxes(index, analysis);
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
  const sizer = findSizingNode(index, output);
  const name = describeNode(sizer?.node ?? output);
  return [
    {
      nodeId: (sizer?.node ?? output).id,
      code: 'class-count-mismatch',
      severity: 'error',
      message: sizer
        ? `${name} has ${plural(outputShape[0], 'unit')} but the dataset has ${plural(classes, 'class', 'classes')}.`
        : `Output ${name} gives ${plural(outputShape[0], 'value')} but the dataset has ${plural(classes, 'class', 'classes')}.`,
      fix: sizer
        ? {
            type: 'set-config',
            nodeId: sizer.node.id,
            key: sizer.field,
            value: classes,
            label: `Set ${sizer.field} to ${classes}`,
          }
        : undefined,
    },
  ];
}

/**
 * The first layer on the model path (in topological order) that sets a size (`unitsField`, e.g. Dense's units) but
 * receives a tensor with more than one axis: it works on the last axis only, so the extra axes reach the output.
 */
function firstSizingLayerOnManyAxes(
  index: GraphIndex,
  analysis: GraphAnalysis,
): { node: GraphNode; input: Shape } | null {
  for (const id of analysis.order) {
    const node = index.nodeById.get(id) as GraphNode;
    if (getLayerDefinition(node.kind).unitsField === undefined) continue;
    const source = index.incoming.get(id)?.[0]?.source;
    const input = source === undefined ? null : analysis.shapes[source];
    if (input && input.length > 1 && feedsOutput(index, id, analysis.outputId as string)) return { node, input };
  }
  return null;
}

function feedsOutput(index: GraphIndex, from: string, outputId: string): boolean {
  return reachable([from], (id) => successors(index, id)).has(outputId);
}

/** The layer whose size field (`unitsField`) sets the output size, walking back through shape-keeping layers. */
function findSizingNode(index: GraphIndex, output: GraphNode): { node: GraphNode; field: string } | null {
  let node: GraphNode | undefined = output;
  while (node) {
    const definition = getLayerDefinition(node.kind);
    if (definition.unitsField !== undefined) return { node, field: definition.unitsField };
    if (!definition.keepsShape) return null;
    const incoming: GraphEdge[] = index.incoming.get(node.id) ?? [];
    node = incoming.length === 1 ? index.nodeById.get(incoming[0].source) : undefined;
  }
  return null;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
