import { z } from 'zod';
import { zModelGraph } from '../graph/model-graph';
import { zProjectWeights } from '../graph/project-weights';
import { zTrainConfig } from '../training/train-config';
import { zDatasetRef } from '../training/dataset';
import { zTask } from '../training/task';
import { zTrainingEvent } from './training-events';

/** What starts a run: the graph to compile, how to train it, on which data, and what it learns. */
export const zStartTrainingRequest = z.object({
  graph: zModelGraph,
  training: zTrainConfig,
  dataset: zDatasetRef,
  /**
   * What the output learns: class scores, or (autoencoder) the input itself. Always sent, from the project (or
   * template) the run belongs to, so the engine never guesses and cannot disagree with what the app shows.
   */
  task: zTask,
  /**
   * Weights to start from instead of the seeded initial ones, by node id (`layerlab train --init-from`: the layers of
   * an earlier run or a model.json whose names and shapes match). Layers not listed start fresh.
   */
  initialWeights: zProjectWeights.optional(),
});
export type StartTrainingRequest = z.infer<typeof zStartTrainingRequest>;

/** The request for training a project as it is: the one way the app, the CLI and tests turn a project into a run. */
export function trainingRequest(project: Pick<StartTrainingRequest, keyof StartTrainingRequest>): StartTrainingRequest {
  const { graph, training, dataset, task } = project;
  return { graph, training, dataset, task };
}

/** Commands a host sends to the training process. Every message crossing the process boundary is parsed with this. */
export const zTrainingCommand = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), request: zStartTrainingRequest }),
  z.object({ type: z.literal('pause') }),
  z.object({ type: z.literal('resume') }),
  z.object({ type: z.literal('stop') }),
  /** Write the current weights (TensorFlow.js layers format + project file + history.csv) into `dir`. */
  z.object({ type: z.literal('export'), dir: z.string().min(1), requestId: z.string() }),
]);
export type TrainingCommand = z.infer<typeof zTrainingCommand>;

/** Replies of the training process to commands that wait for an answer (export), matched by `requestId`. */
export const zTrainingReply = z.discriminatedUnion('type', [
  z.object({ type: z.literal('exported'), requestId: z.string(), dir: z.string() }),
  z.object({ type: z.literal('export-failed'), requestId: z.string(), code: z.string(), message: z.string() }),
]);
export type TrainingReply = z.infer<typeof zTrainingReply>;

/** Everything the training process posts to its host: training events and replies. */
export const zTrainingProcessMessage = z.union([zTrainingEvent, zTrainingReply]);
export type TrainingProcessMessage = z.infer<typeof zTrainingProcessMessage>;
