import * as tf from '@tensorflow/tfjs';
import type { GradientNorm } from '../../shared/ipc/training-events';
import { elementCount } from '../../shared/layers/shape-math';
import { packFloats, packScaled } from '../../shared/views/packed-array';
import { capSnapshots, SNAPSHOT_LIMITS, type EpochSnapshot } from '../../shared/views/snapshots';
import type { CellSamplesView, ViewQuery } from '../../shared/views/view-queries';
import type { Split } from '../datasets/loaded-dataset';
import { EngineError } from '../engine/engine-error';
import { innerLayers } from './model-inspector';

/** Bytes of validation predictions a run keeps (all epochs' predicted classes, the latest epochs' probabilities). */
export const PREDICTION_BUDGET = { classes: 16 * 1024 * 1024, probabilities: 48 * 1024 * 1024 } as const;

/** Batches per epoch whose gradient norms are measured (evenly spread): enough for a steady average, cheap enough. */
export const GRADIENT_BATCHES_PER_EPOCH = 8;

/**
 * What a run records for the views while it trains (when the request asks for views): per-layer gradient norms,
 * every epoch's validation predictions, and the per-epoch snapshots. Memory is bounded: predictions by
 * PREDICTION_BUDGET (oldest epochs dropped first), snapshots by SNAPSHOT_LIMITS (oldest weights dropped first).
 */
export class ViewRecorder {
  private readonly gradientLayers: { name: string; variables: number[] }[];
  private gradientSums: number[];
  private gradientBatches = 0;
  private readonly gradientStride: number;
  private readonly predicted = new Map<number, Uint16Array>();
  private readonly probabilities = new Map<number, Float32Array>();
  private snapshotList: readonly EpochSnapshot[] = [];

  constructor(
    model: tf.LayersModel,
    private readonly options: {
      classes: number;
      validation: Split;
      inputShape: number[];
      valueRange: [number, number];
      batchesPerEpoch: number;
    },
  ) {
    const trainable = model.trainableWeights;
    this.gradientLayers = innerLayers(model)
      .map((layer) => ({
        name: layer.name,
        variables: layer.trainableWeights.map((weight) => trainable.indexOf(weight)).filter((i) => i >= 0),
      }))
      .filter((layer) => layer.variables.length > 0);
    this.gradientSums = this.gradientLayers.map(() => 0);
    this.gradientStride = Math.max(1, Math.floor(options.batchesPerEpoch / GRADIENT_BATCHES_PER_EPOCH));
  }

  /** Whether this 1-based batch's gradients are measured. */
  measuresGradients(batch: number): boolean {
    return (batch - 1) % this.gradientStride === 0;
  }

  /**
   * Inside the batch's tidy: each layer's gradient norm as one tensor (read with the loss, so no extra sync).
   * `gradients` are in the order of the model's trainable weights.
   */
  gradientNorms(gradients: tf.Tensor[]): tf.Tensor1D {
    return tf.stack(
      this.gradientLayers.map((layer) => tf.sqrt(tf.addN(layer.variables.map((i) => tf.sum(tf.square(gradients[i])))))),
    ) as tf.Tensor1D;
  }

  addGradientNorms(norms: ArrayLike<number>): void {
    for (let i = 0; i < this.gradientSums.length; i++) this.gradientSums[i] += norms[i];
    this.gradientBatches += 1;
  }

  /** The epoch's average norms, and a fresh start for the next epoch; null when nothing was measured. */
  takeEpochGradientNorms(): GradientNorm[] | null {
    if (this.gradientBatches === 0 || this.gradientLayers.length === 0) return null;
    const norms = this.gradientLayers.map((layer, i) => ({
      layer: layer.name,
      norm: this.gradientSums[i] / this.gradientBatches,
    }));
    this.gradientSums = this.gradientLayers.map(() => 0);
    this.gradientBatches = 0;
    return norms;
  }

  /** Keeps an epoch's validation predictions (classes always, probabilities while they fit their budget). */
  recordPredictions(epoch: number, predicted: ArrayLike<number>, probabilities: Float32Array | null): void {
    this.predicted.set(epoch, Uint16Array.from(predicted));
    dropOldest(this.predicted, PREDICTION_BUDGET.classes);
    if (probabilities) {
      this.probabilities.set(epoch, probabilities);
      dropOldest(this.probabilities, PREDICTION_BUDGET.probabilities);
    }
  }

  /** The validation samples of one cell of an epoch's confusion matrix, a page at a time. */
  cellSamples(query: Extract<ViewQuery, { kind: 'cellSamples' }>): CellSamplesView {
    const { epoch, trueClass, predictedClass } = query;
    const offset = query.offset ?? 0;
    const limit = query.limit ?? Infinity;
    const { classes, validation, inputShape, valueRange } = this.options;
    if (trueClass >= classes || predictedClass >= classes)
      throw new EngineError(
        'bad-input',
        `There are ${classes} classes; class ${Math.max(trueClass, predictedClass)} does not exist.`,
      );
    const predicted = this.predicted.get(epoch);
    if (!predicted) {
      const kept = [...this.predicted.keys()];
      throw new EngineError(
        'bad-input',
        kept.length === 0
          ? 'No epoch has finished yet: the samples of a cell are listed once the first epoch is validated.'
          : `The predictions of epoch ${epoch} are not kept (epochs ${kept[0]}–${kept[kept.length - 1]} are).`,
      );
    }
    const probabilities = this.probabilities.get(epoch) ?? null;
    const members: number[] = [];
    for (let i = 0; i < validation.count; i++) {
      if (validation.labels[i] === trueClass && predicted[i] === predictedClass) members.push(i);
    }
    const size = elementCount(inputShape);
    const picture = inputShape.length === 3;
    const samples = members.slice(offset, offset + limit).map((index) => {
      const x = validation.x.subarray(index * size, (index + 1) * size);
      return {
        index,
        // Pictures go as bytes (a quarter of the size); other features exactly.
        input: picture ? packScaled(x, inputShape, valueRange) : packFloats(x, inputShape),
        probabilities: probabilities
          ? Array.from(probabilities.subarray(index * classes, (index + 1) * classes))
          : null,
      };
    });
    return { epoch, trueClass, predictedClass, total: members.length, offset, samples };
  }

  addSnapshot(snapshot: EpochSnapshot): void {
    this.snapshotList = capSnapshots([...this.snapshotList, snapshot]);
  }

  snapshots(): EpochSnapshot[] {
    return [...this.snapshotList];
  }
}

/** The first weighted layer's kernel, when it is small enough to keep every epoch (SNAPSHOT_LIMITS.weightValues). */
export function firstLayerKernel(model: tf.LayersModel): EpochSnapshot['weights'] {
  const layer = innerLayers(model).find((l) => l.weights.length > 0);
  if (!layer) return undefined;
  const kernel = layer.weights[0];
  const shape = kernel.shape as number[];
  if (elementCount(shape) > SNAPSHOT_LIMITS.weightValues) return undefined;
  return { layer: layer.name, values: packFloats(kernel.read().dataSync() as Float32Array, shape) };
}

function dropOldest(byEpoch: Map<number, ArrayLike<number>>, budgetBytes: number): void {
  const bytes = (values: ArrayLike<number>) => values.length * (values instanceof Uint16Array ? 2 : 4);
  let total = 0;
  for (const values of byEpoch.values()) total += bytes(values);
  for (const [epoch, values] of byEpoch) {
    // The latest epoch always stays, however large.
    if (total <= budgetBytes || byEpoch.size === 1) return;
    byEpoch.delete(epoch);
    total -= bytes(values);
  }
}
