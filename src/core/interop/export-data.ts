import type { DatasetRef } from '../../shared/training/dataset';
import { loadDataset, splitDataset } from '../datasets';
import type { LoadedDataset, Split } from '../datasets/loaded-dataset';
import type { NpyData } from '../datasets/npz-writer';
import { InteropError } from './interop-error';

/** The file every exported train.py reads by default. */
export const DATA_NPZ = 'data.npz';

/** A dataset loaded for export: what the plan needs to know (class names) and the samples. */
export interface ExportDataset {
  data: LoadedDataset;
  classNames: string[];
}

export async function loadExportDataset(ref: DatasetRef): Promise<ExportDataset> {
  const data = await loadDataset(ref);
  return { data, classNames: data.descriptor.classNames };
}

/**
 * data.npz's arrays: the training and validation samples exactly as LayerLab would train on them (same scaling,
 * same seeded stratified split), features channels-last in the model's input shape, labels as class indices.
 */
export function dataArrays(
  dataset: ExportDataset,
  inputShape: number[],
  training: { validationSplit: number; seed: number },
): Record<string, NpyData> {
  const { data } = dataset;
  const size = inputShape.reduce((product, dim) => product * dim, 1);
  const sampleSize = data.descriptor.inputShape.reduce((product, dim) => product * dim, 1);
  if (size !== sampleSize) {
    throw new InteropError(
      `The model's input takes [${inputShape}] (${size} values), but ${data.descriptor.name} has samples of shape ` +
        `[${data.descriptor.inputShape}] (${sampleSize} values)`,
    );
  }
  const { train, validation } = splitDataset(data, training);
  const split = (part: Split, prefix: string): Record<string, NpyData> => ({
    [`x_${prefix}`]: { dtype: 'float32', shape: [part.count, ...inputShape], values: part.x },
    [`y_${prefix}`]: { dtype: 'int32', shape: [part.count], values: part.labels },
  });
  return {
    ...split(train, 'train'),
    ...split(validation, 'val'),
    class_names: { dtype: 'unicode', shape: [dataset.classNames.length], values: dataset.classNames },
  };
}
