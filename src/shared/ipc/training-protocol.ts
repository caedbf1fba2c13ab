import { z } from 'zod';
import { zModelGraph } from '../graph/model-graph';
import { zTrainConfig } from '../training/train-config';
import { zDatasetRef } from '../training/dataset';

/** What starts a run: the graph to compile, how to train it, and on which data. */
export const zStartTrainingRequest = z.object({
  graph: zModelGraph,
  training: zTrainConfig,
  dataset: zDatasetRef,
});
export type StartTrainingRequest = z.infer<typeof zStartTrainingRequest>;

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
