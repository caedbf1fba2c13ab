import type { ModelGraph } from '../../../shared/graph/model-graph';
import type { DatasetDescriptor } from '../../../shared/training/dataset';
import type { TrainConfig } from '../../../shared/training/train-config';
import { analyzeGraph, type AnalysisContext, type GraphAnalysis } from '../../../shared/graph/analyze-graph';

export type { GraphAnalysis };
export type { GraphProblem, GraphFix } from '../../../shared/graph/problems';

/**
 * What the graph is checked against. With a classification loss the output must give one score per class.
 * Mean squared error serves both autoencoders and regression-style classifiers, so there the graph decides:
 * an output of one value per class is a classifier, anything else must reproduce the input (an autoencoder).
 */
export function analysisContext(
  graph: ModelGraph,
  descriptor: DatasetDescriptor | null,
  training: TrainConfig | null,
): AnalysisContext {
  if (!descriptor) return {};
  const context: AnalysisContext = { inputShape: descriptor.inputShape };
  const classes = descriptor.classNames.length;
  if (training?.loss === 'meanSquaredError') {
    const plain = analyzeGraph(graph, { inputShape: descriptor.inputShape });
    const out = plain.outputId ? plain.shapes[plain.outputId] : null;
    const isClassifier = classes > 0 && out?.length === 1 && out[0] === classes;
    if (isClassifier) context.numClasses = classes;
    else context.task = 'autoencoder';
  } else if (classes > 0) {
    context.numClasses = classes;
  }
  return context;
}

let last: {
  graph: ModelGraph;
  descriptor: DatasetDescriptor | null;
  training: TrainConfig | null;
  result: GraphAnalysis;
} | null = null;

/**
 * Analysis of the current graph, recomputed only when the graph (or the data it is checked against) changes.
 * Every panel reads the same result, so one edit costs one analysis however many components render.
 */
export function analyzeCached(
  graph: ModelGraph,
  descriptor: DatasetDescriptor | null,
  training: TrainConfig | null = null,
): GraphAnalysis {
  if (last && last.graph === graph && last.descriptor === descriptor && last.training?.loss === training?.loss)
    return last.result;
  const result = analyzeGraph(graph, analysisContext(graph, descriptor, training));
  last = { graph, descriptor, training, result };
  return result;
}
