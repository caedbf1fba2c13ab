import { z } from 'zod';
import type { LayerKind } from '../graph/model-graph';
import type { Task } from '../training/task';
import { zPackedArray, type PackedArray } from './packed-array';
import type { EpochSnapshot } from './snapshots';

/**
 * What the app's views ask the model of a run: its layers, a layer's weights, every layer's output for one sample,
 * activation statistics over many samples, a prediction, the decision boundary of a 2-D classifier, the validation
 * samples of a confusion-matrix cell, the per-epoch snapshots and the weights to keep with the project. Each query is
 * answered by the run's training process from the model being trained (between two batches) or by the process that
 * restored a finished run; the answers travel as replies, never in the event stream (see `views.query` in api.ts).
 */

/** Bounds on what one query may ask for and one answer may carry, so neither side can be made to allocate without limit. */
export const VIEW_LIMITS = {
  /** Samples of one confusion-matrix cell sent per request (the Samples dialog pages through larger cells). */
  cellPage: 250,
  /** Side of the decision-boundary grid, in cells. */
  boundaryResolution: { default: 48, min: 8, max: 128 },
  /** Data points drawn over the decision boundary. */
  boundaryPoints: 400,
  /** Bins of an activation histogram. */
  histogramBins: 24,
  /** Validation samples activation statistics are computed over. */
  statsSamples: { default: 128, max: 1024 },
  /** Values of one layer's output sent for one sample; feature maps beyond it are dropped channel by channel. */
  layerValues: 65_536,
  /** Largest image file a user may upload to try the model on. */
  imageUploadBytes: 20 * 1024 * 1024,
  /** Largest decoded image (width × height) accepted, about 16 megapixels. */
  imagePixels: 4096 * 4096,
} as const;

/**
 * How often an open view asks a training run again, in milliseconds after its previous answer. The dock's views and
 * `npm run bench:views` (which measures what the views cost the training) both use these.
 */
export const VIEW_REFRESH_MS = {
  boundary: 1000,
  activations: 2000,
  weights: 2000,
  layerStats: 3000,
} as const;

/** An image file (PNG or JPEG) the user uploaded, scaled to the model's input the way the image-folder importer does. */
export const zImageUpload = z.object({
  name: z.string().min(1).max(255),
  /** The file's bytes, base64; a little over the upload limit so the engine, not the schema, explains a too-large file. */
  base64: z.string().max(Math.ceil((VIEW_LIMITS.imageUploadBytes * 4) / 3) * 2),
  /** Turn dark ink on light paper into light ink on dark, as the fonts set draws its glyphs. */
  invert: z.boolean().optional(),
});
export type ImageUpload = z.infer<typeof zImageUpload>;

/** Which input a query is about: a sample of the run's data, values the user made (a drawing, a point), or an image file. */
export const zSampleRef = z.union([
  z.object({ split: z.enum(['train', 'validation']), index: z.number().int().min(0) }),
  z.object({ input: zPackedArray }),
  z.object({ image: zImageUpload }),
]);
export type SampleRef = z.infer<typeof zSampleRef>;

export const zViewQuery = z.discriminatedUnion('kind', [
  /** Every layer: shapes, parameters, weight statistics. */
  z.object({ kind: z.literal('model') }),
  /** One layer's weights, exactly (float32): Conv2D filters, a Dense layer's kernel as pictures. */
  z.object({ kind: z.literal('weights'), layer: z.string().min(1).max(200) }),
  /** Every layer's output for one sample: summaries, histograms and (within VIEW_LIMITS.layerValues) the values. */
  z.object({ kind: z.literal('activations'), sample: zSampleRef }),
  /** Activation histograms over the first validation samples, with the share of ReLU units that never fire. */
  z.object({
    kind: z.literal('layerStats'),
    samples: z.number().int().min(1).max(VIEW_LIMITS.statsSamples.max),
  }),
  /** The model's output for one input: class probabilities, or an autoencoder's reconstruction. */
  z.object({ kind: z.literal('predict'), sample: zSampleRef }),
  /** The predicted class over the plane of a 2-D data set. */
  z.object({
    kind: z.literal('boundary'),
    resolution: z.number().int().min(VIEW_LIMITS.boundaryResolution.min).max(VIEW_LIMITS.boundaryResolution.max),
  }),
  /** The validation samples counted in one cell of an epoch's confusion matrix. */
  z.object({
    kind: z.literal('cellSamples'),
    /** 1-based epoch whose matrix the cell belongs to. */
    epoch: z.number().int().min(1),
    trueClass: z.number().int().min(0),
    predictedClass: z.number().int().min(0),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(VIEW_LIMITS.cellPage).default(VIEW_LIMITS.cellPage),
  }),
  /** The small per-epoch records the replay slider shows. */
  z.object({ kind: z.literal('snapshots') }),
  /** All weights, to keep with the project so the run can be inspected again after a reload. */
  z.object({ kind: z.literal('modelWeights') }),
]);
export type ViewQuery = z.input<typeof zViewQuery>;
export type ViewQueryKind = ViewQuery['kind'];

/** Summary of a set of numbers. `zeroShare`: the share that is exactly 0 (ReLU outputs that did not fire). */
export interface ValueStats {
  count: number;
  min: number;
  max: number;
  mean: number;
  std: number;
  zeroShare: number;
}

/** Counts of values in `counts.length` equal bins over [min, max]. */
export interface Histogram {
  min: number;
  max: number;
  counts: number[];
}

export interface WeightInfo {
  /** tfjs's weight name, e.g. "conv2d_Conv2D1/kernel". */
  name: string;
  shape: number[];
  stats: ValueStats;
}

export interface LayerInfo {
  /** tfjs layer name (from the node's label or id). */
  name: string;
  /** The graph node the layer was built from; null for layers the graph has no node for. */
  nodeId: string | null;
  /** The node's layer kind; null where there is no node. */
  kind: LayerKind | null;
  /** Shape of the (first) input, batch axis excluded. */
  inputShape: number[];
  outputShape: number[];
  params: number;
  /** The activation the layer applies (relu, sigmoid, softmax, ...), or null. */
  activation: string | null;
  weights: WeightInfo[];
}

export interface ModelView {
  inputShape: number[];
  outputShape: number[];
  task: Task;
  classNames: string[];
  /** Range of the features the model gets (pixels scaled to [0, 1] ...), for drawing inputs. */
  valueRange: [number, number];
  layers: LayerInfo[];
  /** Epochs finished so far. */
  epochs: number;
  sampleCounts: { train: number; validation: number };
}

export interface WeightsView {
  layer: string;
  weights: { name: string; values: PackedArray }[];
}

/** A sample as the model saw it. */
export interface SampleView {
  /** The features (float32, exact). */
  input: PackedArray;
  /** Its class in the data set, when it comes from the data set. */
  label: number | null;
  /** Where it comes from in the run's data, when it does. */
  split: 'train' | 'validation' | null;
  index: number | null;
}

export interface LayerActivation {
  name: string;
  outputShape: number[];
  stats: ValueStats;
  histogram: Histogram;
  /**
   * The output values (float32, channels last). For outputs larger than VIEW_LIMITS.layerValues only the first
   * `channels` channels of a feature map, or null for other outputs.
   */
  values: PackedArray | null;
  /** Feature maps only: how many channels `values` holds (all of them unless capped). */
  channels?: number;
}

export interface ActivationsView {
  sample: SampleView;
  layers: LayerActivation[];
}

export interface LayerStatsView {
  samples: number;
  layers: {
    name: string;
    histogram: Histogram;
    stats: ValueStats;
    /** ReLU layers: share of units that output 0 for every one of the samples ("dead"); null for other layers. */
    deadShare: number | null;
  }[];
}

export interface PredictionView {
  sample: SampleView;
  /** The model's output (float32): class probabilities, or the reconstruction of an autoencoder (input-shaped). */
  output: PackedArray;
  /** Classifiers: one probability per class, summing to 1 (a single sigmoid unit is expanded to two classes). */
  probabilities: number[] | null;
  predicted: number | null;
}

export const zBoundaryGrid = z.object({
  /** The plane covered: the data's extent plus a margin. Row 0 of the grid is the top edge (yMax). */
  extent: z.object({ xMin: z.number(), xMax: z.number(), yMin: z.number(), yMax: z.number() }),
  /** Predicted class per cell, uint8 [resolution, resolution], row-major from the top-left corner. */
  classes: zPackedArray,
  /** The winning class's probability per cell, uint8 scaled over [0, 1]. */
  confidence: zPackedArray,
});
export type BoundaryGrid = z.infer<typeof zBoundaryGrid>;

export interface BoundaryView {
  grid: BoundaryGrid;
  /** Data points to draw on top (training and validation, at most VIEW_LIMITS.boundaryPoints). */
  points: { x: number; y: number; classIndex: number }[];
  /** Epochs finished when the grid was computed, and the batch in progress. */
  at: { epoch: number; batch: number };
}

export interface CellSamplesView {
  epoch: number;
  trueClass: number;
  predictedClass: number;
  /** Samples in the cell; the reply carries `samples.length` of them from `offset`. */
  total: number;
  offset: number;
  samples: { index: number; input: PackedArray; probabilities: number[] | null }[];
}

/** Weights in the TensorFlow.js layers format's own terms: the weight specs and the concatenated float32 values. */
export const zSavedWeights = z.object({
  specs: z.array(
    z.object({
      name: z.string(),
      shape: z.array(z.number().int().nonnegative()),
      dtype: z.literal('float32'),
    }),
  ),
  /** base64 of every weight's float32 values, in `specs` order. */
  data: z.string(),
});
export type SavedWeights = z.infer<typeof zSavedWeights>;

/** What each query kind answers. */
export interface ViewResults {
  model: ModelView;
  weights: WeightsView;
  activations: ActivationsView;
  layerStats: LayerStatsView;
  predict: PredictionView;
  boundary: BoundaryView;
  cellSamples: CellSamplesView;
  snapshots: { snapshots: EpochSnapshot[] };
  modelWeights: SavedWeights;
}
export type ViewResult = ViewResults[ViewQueryKind];
