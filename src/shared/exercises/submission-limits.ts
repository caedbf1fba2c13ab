import type { GraphAnalysis } from '../graph/analyze-graph';
import type { GraphNode } from '../graph/model-graph';

/**
 * Hard limits on what a check trains, whatever the exercise: they bound the time and memory a hostile or careless
 * submission can take (a 10⁹-unit Dense, a thousand stacked layers, a batch of images too big for memory). The
 * exercise's own parameter budget (a `params-max` criterion) is usually far lower.
 */
export const SUBMISSION_LIMITS = {
  /** Layers in the model. */
  nodes: 200,
  /** Trainable and non-trainable parameters (20 MB of float32 weights, before optimizer state). */
  params: 5_000_000,
  /** Estimated floating-point operations of one sample's forward pass; the course's wide CNN needs about 14 M. */
  flopsPerSample: 30_000_000,
  /** Layer outputs held for one batch's backward pass, in float32 values (256 MB). */
  activationsPerBatch: 64_000_000,
} as const;

/** What a model costs to train, estimated from the graph analysis (the engine is never asked). */
export interface ModelCost {
  nodes: number;
  params: number;
  flopsPerSample: number;
  activationsPerSample: number;
}

/**
 * Estimates a model's cost from its analysis: a layer with weights does one multiply-add per weight at each
 * position it slides over (2 · params · positions), every layer touches each value it outputs once more.
 * Rough, but proportional to the real work, which is all a limit needs.
 */
export function estimateModelCost(modelNodes: readonly GraphNode[], analysis: GraphAnalysis): ModelCost {
  let flops = 0;
  let activations = 0;
  for (const node of modelNodes) {
    const shape = analysis.shapes[node.id];
    if (!shape) continue;
    const size = shape.reduce((product, dim) => product * dim, 1);
    const positions = shape.slice(0, -1).reduce((product, dim) => product * dim, 1);
    const params = analysis.params[node.id] ?? { trainable: 0, nonTrainable: 0 };
    flops += 2 * (params.trainable + params.nonTrainable) * positions + size;
    activations += size;
  }
  return {
    nodes: modelNodes.length,
    params: analysis.totalParams,
    flopsPerSample: flops,
    activationsPerSample: activations,
  };
}

/** Each limit the model breaks, as a sentence for the student; empty when it may be trained. */
export function limitProblems(cost: ModelCost, batchSize: number): string[] {
  const problems: string[] = [];
  const count = (n: number) => Math.round(n).toLocaleString('en-US');
  if (cost.nodes > SUBMISSION_LIMITS.nodes)
    problems.push(`the model has ${count(cost.nodes)} layers; checks train at most ${SUBMISSION_LIMITS.nodes}`);
  if (cost.params > SUBMISSION_LIMITS.params)
    problems.push(
      `the model has ${count(cost.params)} parameters; checks train at most ${count(SUBMISSION_LIMITS.params)}`,
    );
  if (cost.flopsPerSample > SUBMISSION_LIMITS.flopsPerSample)
    problems.push(
      `the model needs about ${count(cost.flopsPerSample / 1e6)} million operations per sample; checks allow at most ${count(SUBMISSION_LIMITS.flopsPerSample / 1e6)} million (use fewer filters or units, or pool earlier)`,
    );
  const activations = cost.activationsPerSample * batchSize;
  if (activations > SUBMISSION_LIMITS.activationsPerBatch)
    problems.push(
      `a batch of ${batchSize} needs ${count(activations / 1e6)} million values in memory; checks allow at most ${count(SUBMISSION_LIMITS.activationsPerBatch / 1e6)} million (use a smaller batch size or smaller layers)`,
    );
  return problems;
}
