import type { DatasetPreview } from '../../shared/ipc/api';
import type { LoadedDataset } from './loaded-dataset';

/** Most points a 2-D preview carries: enough for a scatter plot, small enough for IPC. */
const MAX_PREVIEW_POINTS = 4000;
/** Most pixel values a preview carries in all (4 MB as bytes): 1000 classes of 512×512 RGB images would be 3 billion. */
export const MAX_PREVIEW_VALUES = 4_000_000;

/**
 * The first `perClass` samples of each class, for the dataset picker. Images (inputShape [h, w, 1|3]) come back as
 * 0..255 pixels, mapped from the data's value range; two-feature sets come back as `points` instead (the first
 * MAX_PREVIEW_POINTS).
 */
export function previewLoadedDataset(data: LoadedDataset, perClass: number): DatasetPreview {
  const { descriptor } = data;
  const shape = descriptor.inputShape;
  if (shape.length === 1 && shape[0] === 2) {
    const n = Math.min(data.count, MAX_PREVIEW_POINTS);
    const points = Array.from({ length: n }, (_, i) => ({
      x: data.x[2 * i],
      y: data.x[2 * i + 1],
      classIndex: data.labels[i],
    }));
    return { descriptor, samples: [], points };
  }
  const isImage = (shape.length === 3 && (shape[2] === 1 || shape[2] === 3)) || shape.length === 2;
  if (!isImage) return { descriptor, samples: [] };
  const [height, width] = shape;
  const channels = shape.length === 3 ? shape[2] : 1;
  const size = height * width * channels;
  const [lo, hi] = descriptor.valueRange;
  const span = hi > lo ? hi - lo : 1;
  const taken = new Array<number>(descriptor.classNames.length).fill(0);
  const samples: DatasetPreview['samples'] = [];
  // Fewer samples per class when the images are big, so a preview stays small whatever the data.
  const affordable = Math.floor(MAX_PREVIEW_VALUES / Math.max(1, size * taken.length));
  const want = Math.max(0, Math.min(Math.floor(perClass), affordable));
  for (let i = 0; i < data.count && samples.length < want * taken.length; i++) {
    const classIndex = data.labels[i];
    if (taken[classIndex] >= want) continue;
    taken[classIndex]++;
    const pixels = new Array<number>(size);
    for (let k = 0; k < size; k++) {
      const v = Math.round(((data.x[i * size + k] - lo) / span) * 255);
      pixels[k] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
    samples.push({ classIndex, width, height, channels, pixels });
  }
  samples.sort((a, b) => a.classIndex - b.classIndex);
  return { descriptor, samples };
}
