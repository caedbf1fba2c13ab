import type { DatasetDescriptor } from '../../shared/training/dataset';

/** Samples of one split: features row-major, one class index per sample. */
export interface Split {
  /** count × prod(inputShape) values, row-major, already scaled (pixels divided by 255). */
  x: Float32Array;
  /** Class index per sample, in `descriptor.classNames` order. */
  labels: Int32Array;
  count: number;
}

/** A data set in memory, ready for the engine. `test`/`validation` exist only when the file brought its own. */
export interface LoadedDataset extends Split {
  descriptor: DatasetDescriptor;
  test?: Split;
  validation?: Split;
}
