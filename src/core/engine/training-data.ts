import type { Split } from '../datasets/loaded-dataset';
import type { LossName } from '../../shared/training/losses';
import type { Task } from '../../shared/training/task';
import { EngineError } from './engine-error';

/** How the model's targets are made from a split: one-hot class vectors, a single 0/1 column, or the input itself. */
export type TargetEncoding = 'one-hot' | 'binary' | 'input';

export interface TargetPlan {
  task: Task;
  encoding: TargetEncoding;
}

/**
 * How the targets of the requested task are encoded: the input itself for an autoencoder (whose output must have the
 * input's shape); for a classifier one score per class, or a single sigmoid unit for two classes. The task comes with
 * the request (resolveTask decided it where the project was made), so nothing is guessed here.
 */
export function planTargets(args: {
  task: Task;
  inputShape: number[];
  outputShape: number[];
  loss: LossName;
  classNames: string[];
  datasetName: string;
}): TargetPlan {
  const { inputShape, outputShape, loss, classNames } = args;
  const sameShape = sameDims(inputShape, outputShape);
  if (args.task === 'autoencoder') {
    if (!sameShape) {
      throw new EngineError(
        'bad-input',
        `An autoencoder must output the input's shape [${inputShape}], but the output is [${outputShape}]`,
      );
    }
    return { task: 'autoencoder', encoding: 'input' };
  }
  const classes = classNames.length;
  if (outputShape.length !== 1) {
    throw new EngineError(
      'bad-input',
      `The output has shape [${outputShape}], but a classifier must output one score per class ` +
        `(${classes} for ${args.datasetName}): end the graph with Flatten and Dense ${classes} softmax`,
    );
  }
  const units = outputShape[0];
  if (units === classes) return { task: 'classification', encoding: 'one-hot' };
  if (units === 1 && classes === 2 && loss !== 'categoricalCrossentropy')
    return { task: 'classification', encoding: 'binary' };
  throw new EngineError(
    'bad-input',
    `The output layer has ${units} unit${units === 1 ? '' : 's'}, but ${args.datasetName} has ${classes} classes ` +
      `(${classNames.join(', ')}): set the last Dense layer's units to ${classes}`,
  );
}

/** Fills `target` (batch × width) for the samples `indices[start, end)` of `split`. */
export function fillTargets(
  plan: TargetPlan,
  split: Split,
  indices: Int32Array,
  start: number,
  end: number,
  classes: number,
  sampleSize: number,
  target: Float32Array,
): void {
  if (plan.encoding === 'input') {
    for (let i = start; i < end; i++) {
      const from = indices[i] * sampleSize;
      target.set(split.x.subarray(from, from + sampleSize), (i - start) * sampleSize);
    }
    return;
  }
  if (plan.encoding === 'binary') {
    for (let i = start; i < end; i++) target[i - start] = split.labels[indices[i]];
    return;
  }
  target.fill(0, 0, (end - start) * classes);
  for (let i = start; i < end; i++) target[(i - start) * classes + split.labels[indices[i]]] = 1;
}

/** Copies the features of `indices[start, end)` into `out`, row after row. */
export function fillFeatures(
  split: Split,
  indices: Int32Array,
  start: number,
  end: number,
  sampleSize: number,
  out: Float32Array,
): void {
  for (let i = start; i < end; i++) {
    const from = indices[i] * sampleSize;
    out.set(split.x.subarray(from, from + sampleSize), (i - start) * sampleSize);
  }
}

function sameDims(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((dim, i) => dim === b[i]);
}
