import type { DatasetDescriptor, DatasetRef } from '../../shared/training/dataset';
import { readFontsImageSet } from './builtin-fonts';
import { DatasetError } from './dataset-error';
import { FONT_FAMILIES, FONTS_PER_CLASS } from './font-families';
import type { LoadedDataset } from './loaded-dataset';
import { generateToyDataset, isToyDatasetId, resolveToyParams, TOY_DATASET_IDS, toyDatasetInfo } from './toy-datasets';

const FONTS_NAME = 'Fonts (36×36, 5 font types)';
const FONTS_DESCRIPTION =
  'Font-type recognition: 2,790 grayscale 36×36 characters in 5 font families (the course data set).';
const BUILTIN_SOURCE = 'built-in generator';

/** Built-in data sets with their default parameters, for pickers and `layerlab datasets`. No samples are generated. */
export function listBuiltinDatasets(): DatasetDescriptor[] {
  const fonts: DatasetDescriptor = {
    id: 'fonts',
    name: FONTS_NAME,
    description: FONTS_DESCRIPTION,
    inputShape: [36, 36, 1],
    classNames: FONT_FAMILIES.map((f) => f.className),
    countsPerClass: FONT_FAMILIES.map(() => FONTS_PER_CLASS),
    splits: { train: FONTS_PER_CLASS * FONT_FAMILIES.length, validation: 0, test: 0 },
    valueRange: [0, 1],
    source: 'built-in (resources/datasets)',
  };
  const toys = TOY_DATASET_IDS.map((id): DatasetDescriptor => {
    const info = toyDatasetInfo(id);
    const { classNames, labels, x } = generateToyDataset(id, info.defaults);
    return toyDescriptor(id, info.name, info.description, classNames, labels, x);
  });
  return [fonts, ...toys];
}

function countsOf(labels: Int32Array, classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (const label of labels) counts[label]++;
  return counts;
}

function rangeOf(x: Float32Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of x) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return x.length ? [lo, hi] : [0, 0];
}

function toyDescriptor(
  id: string,
  name: string,
  description: string,
  classNames: string[],
  labels: Int32Array,
  x: Float32Array,
): DatasetDescriptor {
  return {
    id,
    name,
    description,
    inputShape: [2],
    classNames,
    countsPerClass: countsOf(labels, classNames.length),
    splits: { train: labels.length, validation: 0, test: 0 },
    valueRange: rangeOf(x),
    source: BUILTIN_SOURCE,
  };
}

export async function loadBuiltinDataset(ref: Extract<DatasetRef, { kind: 'builtin' }>): Promise<LoadedDataset> {
  if (ref.id === 'fonts') {
    if (ref.params && Object.keys(ref.params).length > 0) {
      throw new DatasetError(`Data set "fonts" takes no parameters (got ${Object.keys(ref.params).join(', ')}).`);
    }
    const set = await readFontsImageSet();
    const { count, height, width, classNames } = set.header;
    const scaled = Float32Array.from({ length: 256 }, (_, v) => v / 255);
    const x = new Float32Array(set.pixels.length);
    for (let i = 0; i < x.length; i++) x[i] = scaled[set.pixels[i]];
    const labels = Int32Array.from(set.labels);
    return {
      descriptor: {
        id: 'fonts',
        name: FONTS_NAME,
        description: FONTS_DESCRIPTION,
        inputShape: [height, width, 1],
        classNames,
        countsPerClass: countsOf(labels, classNames.length),
        splits: { train: count, validation: 0, test: 0 },
        valueRange: [0, 1],
        source: 'built-in (resources/datasets)',
      },
      x,
      labels,
      count,
    };
  }
  if (isToyDatasetId(ref.id)) {
    const info = toyDatasetInfo(ref.id);
    const params = resolveToyParams(ref.id, ref.params);
    const { x, labels, classNames } = generateToyDataset(ref.id, params);
    return {
      descriptor: toyDescriptor(ref.id, info.name, info.description, classNames, labels, x),
      x,
      labels,
      count: labels.length,
    };
  }
  throw new DatasetError(`Unknown built-in data set "${ref.id}" (known: fonts, ${TOY_DATASET_IDS.join(', ')}).`);
}
