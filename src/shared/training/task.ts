import { z } from 'zod';
import { analyzeGraph } from '../graph/analyze-graph';
import type { GraphNode, ModelGraph } from '../graph/model-graph';
import { withDefaults } from '../layers/catalogue';
import { shapesEqual } from '../layers/shape-math';
import type { LossName } from './losses';

/** What a network learns to output: one score per class, or (autoencoder) a copy of its own input. */
export const TASKS = ['classification', 'autoencoder'] as const;
export type Task = (typeof TASKS)[number];
export const zTask = z.enum(TASKS);

/** How the training settings name each task: what the network learns. */
export const TASK_LABELS: Record<Task, string> = {
  classification: 'Classify into classes',
  autoencoder: 'Reconstruct its input (autoencoder)',
};

/** One line of help per task, for the training settings and `layerlab --help`. */
export const TASK_HELP: Record<Task, string> = {
  classification:
    'The output gives one score per class (targets are one-hot class vectors); training reports accuracy and a confusion matrix.',
  autoencoder:
    'The output must have the input’s shape and learns to rebuild the input itself; there are no classes, accuracy or confusion matrix.',
};

/**
 * The one rule deciding what a graph learns, used by the app, the CLI and the upgrade of project files that predate
 * the `task` field. An explicit task always wins. Without one (a version-1 file, a doc built without a task):
 * - a cross-entropy loss compares class probabilities: classification;
 * - an output whose shape differs from the input's cannot reproduce it: classification;
 * - an output that is a probability distribution (a Softmax layer, or a layer with the softmax activation) is
 *   class scores even when it has the input's shape and the loss is mean squared error (XOR's 2 inputs → 2 classes);
 * - otherwise, mean squared error on an output shaped like the input: autoencoder.
 * It reads only the graph and the loss, never the data, so every caller reaches the same answer.
 */
export function resolveTask(project: { task?: Task | undefined; graph: ModelGraph; loss: LossName }): Task {
  if (project.task !== undefined) return project.task;
  if (project.loss !== 'meanSquaredError') return 'classification';
  const analysis = analyzeGraph(project.graph);
  const input = analysis.inputId === null ? null : analysis.shapes[analysis.inputId];
  const output = analysis.outputId === null ? null : analysis.shapes[analysis.outputId];
  if (!input || !output || !shapesEqual(input, output)) return 'classification';
  const outputNode = project.graph.nodes.find((node) => node.id === analysis.outputId);
  if (outputNode && givesProbabilities(outputNode)) return 'classification';
  return 'autoencoder';
}

function givesProbabilities(node: GraphNode): boolean {
  return node.kind === 'Softmax' || withDefaults(node.kind, node.config).activation === 'softmax';
}
