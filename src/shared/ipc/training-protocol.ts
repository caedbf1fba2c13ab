import { z } from 'zod';
import { zModelGraph } from '../graph/model-graph';
import { zProjectWeights } from '../graph/project-weights';
import { zTrainConfig } from '../training/train-config';
import { zDatasetDescriptor, zDatasetRef } from '../training/dataset';
import { zTask } from '../training/task';
import { zStartFrom, zWeightsOrigin, type WeightReuseReport } from '../training/start-from';
import { zTrainingEvent } from './training-events';
import { zSavedWeights, zViewQuery } from '../views/view-queries';

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
   * Record what the app's views need while training: per-layer gradient norms (on epoch events), every epoch's
   * validation predictions (for the confusion-matrix drill-down) and per-epoch snapshots (for the replay). The app
   * turns it on; the CLI leaves it off. Costs under 10 % of the training time (`npm run bench:views`).
   */
  views: z.boolean().optional(),
  /**
   * Weights to start from instead of the seeded initial ones, by node id (`layerlab train --init-from`: the layers of
   * an earlier run or a model.json whose names and shapes match). Layers not listed start fresh.
   */
  initialWeights: zProjectWeights.optional(),
  /**
   * Where the weights start as the user chose it (the app's "Start from"), saved with the run and shown by run
   * comparison. The weights themselves are `initialWeights`, which the host fills from `weightsFrom`.
   */
  startFrom: zStartFrom.optional(),
});
export type StartTrainingRequest = z.infer<typeof zStartTrainingRequest>;

/**
 * What the app asks the host to start: a training request, and where the weights its `startFrom` names are. The
 * host matches them to the graph as `layerlab train --init-from` does and sends the fitting ones as `initialWeights`.
 */
export const zStartRunRequest = zStartTrainingRequest.extend({ weightsFrom: zWeightsOrigin.optional() });
export type StartRunRequest = z.infer<typeof zStartRunRequest>;

/** The host's answer to a start: the run's id and, for a run started from other weights, what was reused. */
export interface StartRunResponse {
  runId: string;
  reuse?: WeightReuseReport;
}

/** The request for training a project as it is: the one way the app, the CLI and tests turn a project into a run. */
export function trainingRequest(project: Pick<StartTrainingRequest, keyof StartTrainingRequest>): StartTrainingRequest {
  const { graph, training, dataset, task } = project;
  return { graph, training, dataset, task };
}

/**
 * A finished run as a viewer loads it to answer views after its training process is gone (an older run, a reopened
 * project, a reloaded page): what was trained, its saved weights, and how it ended.
 */
export const zRunModel = z.object({
  request: zStartTrainingRequest,
  weights: zSavedWeights,
  /** The run's class names (a viewer that can't read the data still names the classes). */
  classNames: z.array(z.string()),
  /** Epochs the run finished. */
  epochs: z.number().int().min(0),
  /**
   * `done`: the weights are those the last epoch was validated with, so its confusion-matrix cells can be listed again;
   * `cancelled`: training went on past the last validation, so they can't.
   */
  status: z.enum(['done', 'cancelled']),
});
export type RunModel = z.infer<typeof zRunModel>;

/** Commands a host sends to the training process. Every message crossing the process boundary is parsed with this. */
export const zTrainingCommand = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), request: zStartTrainingRequest }),
  z.object({ type: z.literal('pause') }),
  z.object({ type: z.literal('resume') }),
  z.object({ type: z.literal('stop') }),
  /** Write the current weights (TensorFlow.js layers format + project file + history.csv) into `dir`. */
  z.object({ type: z.literal('export'), dir: z.string().min(1), requestId: z.string() }),
  /** Answer a view query from the run's model (between batches while training). */
  z.object({ type: z.literal('inspect'), requestId: z.string(), query: zViewQuery }),
  /**
   * Load a finished run's saved weights instead of training (a viewer process): answered `restored` once its `inspect`
   * commands can be answered. `dataProblem`: why the run's data must not be read (the host does not grant its file).
   */
  z.object({
    type: z.literal('restore'),
    requestId: z.string(),
    run: zRunModel,
    dataProblem: z.string().max(2000).optional(),
  }),
  /**
   * Read a data set and answer with its descriptor and a preview (`described`): the host's imports run here, in a
   * process of their own, so a huge or hostile file never touches the host's memory or event loop.
   */
  z.object({
    type: z.literal('describe'),
    requestId: z.string(),
    dataset: zDatasetRef,
    perClass: z.number().int().min(0).max(100),
    /** The memory limit of the load (TrainConfig.maxMemoryMB; the default when absent). */
    maxMemoryMB: z.number().int().positive().optional(),
  }),
]);
export type TrainingCommand = z.infer<typeof zTrainingCommand>;

/** A data set's preview as the picker shows it (DatasetPreview). */
export const zDatasetPreview = z.object({
  descriptor: zDatasetDescriptor,
  samples: z.array(
    z.object({
      classIndex: z.number().int(),
      width: z.number().int(),
      height: z.number().int(),
      channels: z.number().int(),
      pixels: z.array(z.number()),
    }),
  ),
  points: z.array(z.object({ x: z.number(), y: z.number(), classIndex: z.number().int() })).optional(),
});

/**
 * Replies of the training process to commands that wait for an answer (export, inspect, restore, describe), matched by
 * `requestId`.
 */
export const zTrainingReply = z.discriminatedUnion('type', [
  z.object({ type: z.literal('exported'), requestId: z.string(), dir: z.string() }),
  z.object({ type: z.literal('export-failed'), requestId: z.string(), code: z.string(), message: z.string() }),
  /** The answer to an `inspect` command: the ViewResults entry of its query's kind (typed by the host's caller). */
  z.object({ type: z.literal('inspected'), requestId: z.string(), result: z.unknown() }),
  z.object({ type: z.literal('inspect-failed'), requestId: z.string(), code: z.string(), message: z.string() }),
  z.object({ type: z.literal('restored'), requestId: z.string() }),
  z.object({ type: z.literal('restore-failed'), requestId: z.string(), code: z.string(), message: z.string() }),
  z.object({ type: z.literal('described'), requestId: z.string(), preview: zDatasetPreview }),
  z.object({
    type: z.literal('describe-failed'),
    requestId: z.string(),
    /** `bad-input` for a file that can't be read or needs more memory than the limit; `internal` otherwise. */
    code: z.string(),
    message: z.string(),
    /** The message without text quoted from the file, for a renderer (see DatasetError.publicMessage). */
    publicMessage: z.string(),
    /** The file at fault, when there is one. */
    file: z.string().optional(),
  }),
]);
export type TrainingReply = z.infer<typeof zTrainingReply>;

/** Everything the training process posts to its host: training events and replies. */
export const zTrainingProcessMessage = z.union([zTrainingEvent, zTrainingReply]);
export type TrainingProcessMessage = z.infer<typeof zTrainingProcessMessage>;
