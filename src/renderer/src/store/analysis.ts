import type { ModelGraph } from '../../../shared/graph/model-graph';
import type { DatasetDescriptor } from '../../../shared/training/dataset';
import type { Task } from '../../../shared/training/task';
import { analyzeGraph, type AnalysisContext, type GraphAnalysis } from '../../../shared/graph/analyze-graph';

export type { GraphAnalysis };
export type { GraphProblem, GraphFix } from '../../../shared/graph/problems';

/**
 * What the graph is checked against: the dataset's sample shape, and the project's task (the one the engine will
 * train, never guessed here). A classifier needs one score per class; an autoencoder must reproduce its input.
 */
export function analysisContext(descriptor: DatasetDescriptor | null, task: Task): AnalysisContext {
  if (!descriptor) return {};
  const context: AnalysisContext = { inputShape: descriptor.inputShape };
  const classes = descriptor.classNames.length;
  if (task === 'autoencoder') context.task = 'autoencoder';
  else if (classes > 0) {
    context.task = 'classification';
    context.numClasses = classes;
  }
  return context;
}

let last: {
  graph: ModelGraph;
  descriptor: DatasetDescriptor | null;
  task: Task;
  result: GraphAnalysis;
} | null = null;

/**
 * Analysis of the current graph, recomputed only when the graph (or the data it is checked against) changes.
 * Every panel reads the same result, so one edit costs one analysis however many components render.
 */
export function analyzeCached(graph: ModelGraph, descriptor: DatasetDescriptor | null, task: Task): GraphAnalysis {
  if (last && last.graph === graph && last.descriptor === descriptor && last.task === task) return last.result;
  const result = analyzeGraph(graph, analysisContext(descriptor, task));
  last = { graph, descriptor, task, result };
  return result;
}
