import { DatasetError } from './dataset-error';
import { createRandom, type SeededRandom } from '../../shared/seeded-random';

/**
 * The 2-D classroom sets of TensorFlow Playground: points in the plane, features roughly in [-1, 1], so students can
 * see decision boundaries. Each generator is pure and seeded.
 */
export const TOY_DATASET_IDS = ['xor', 'circles', 'moons', 'spiral', 'blobs'] as const;
export type ToyDatasetId = (typeof TOY_DATASET_IDS)[number];

export interface ToyParams {
  /** Number of points over all classes. */
  size: number;
  /** Spread of the noise, in feature units (the plane spans about [-1, 1]). */
  noise: number;
  seed: number;
  /** Number of classes (spiral arms, blobs); the other sets always have 2. */
  classes: number;
}

export interface ToyData {
  x: Float32Array;
  labels: Int32Array;
  classNames: string[];
}

interface ToySpec {
  name: string;
  description: string;
  defaults: ToyParams;
  /** Whether `classes` may be chosen. */
  variableClasses: boolean;
  classNames(classes: number): string[];
  /** Writes point i (of class `label`) into out[0], out[1]. */
  point(i: number, label: number, p: ToyParams, random: SeededRandom, out: number[]): void;
}

const TWO_PI = 2 * Math.PI;

const SPECS: Record<ToyDatasetId, ToySpec> = {
  xor: {
    name: 'XOR',
    description: 'Four quadrants, opposite corners share a class: not linearly separable (2-D, 2 classes).',
    defaults: { size: 400, noise: 0.05, seed: 1, classes: 2 },
    variableClasses: false,
    classNames: () => ['same sign', 'opposite sign'],
    point(_i, label, p, random, out) {
      // Keep a small gap around the axes (as the Playground does) so noise, not the generator, decides the overlap.
      const sx = random.next() < 0.5 ? -1 : 1;
      const sy = label === 0 ? sx : -sx;
      out[0] = sx * random.uniform(0.05, 1) + p.noise * random.normal();
      out[1] = sy * random.uniform(0.05, 1) + p.noise * random.normal();
    },
  },
  circles: {
    name: 'Circles',
    description: 'A disc surrounded by a ring: separable only with a non-linear boundary (2-D, 2 classes).',
    defaults: { size: 400, noise: 0.05, seed: 1, classes: 2 },
    variableClasses: false,
    classNames: () => ['inside', 'outside'],
    point(_i, label, p, random, out) {
      const r = label === 0 ? random.uniform(0, 0.45) : random.uniform(0.65, 1);
      const angle = random.uniform(0, TWO_PI);
      out[0] = r * Math.cos(angle) + p.noise * random.normal();
      out[1] = r * Math.sin(angle) + p.noise * random.normal();
    },
  },
  moons: {
    name: 'Moons',
    description: 'Two interleaved half circles (2-D, 2 classes).',
    defaults: { size: 400, noise: 0.1, seed: 1, classes: 2 },
    variableClasses: false,
    classNames: () => ['upper moon', 'lower moon'],
    point(_i, label, p, random, out) {
      const t = random.uniform(0, Math.PI);
      // sklearn's make_moons, shifted and scaled from x∈[-1, 2], y∈[-0.5, 1] to about [-1, 1].
      const mx = label === 0 ? Math.cos(t) : 1 - Math.cos(t);
      const my = label === 0 ? Math.sin(t) : 0.5 - Math.sin(t);
      out[0] = (mx - 0.5) / 1.5 + p.noise * random.normal();
      out[1] = (my - 0.25) / 1.5 + p.noise * random.normal();
    },
  },
  spiral: {
    name: 'Spiral',
    description: 'Interleaved spiral arms, one per class: hard for shallow nets (2-D, 2+ classes).',
    defaults: { size: 400, noise: 0.05, seed: 1, classes: 2 },
    variableClasses: true,
    classNames: (k) => Array.from({ length: k }, (_, c) => `arm ${c + 1}`),
    point(_i, label, p, random, out) {
      const r = random.uniform(0.05, 1);
      const angle = 1.75 * TWO_PI * r + (label * TWO_PI) / p.classes;
      out[0] = r * Math.sin(angle) + p.noise * random.normal();
      out[1] = r * Math.cos(angle) + p.noise * random.normal();
    },
  },
  blobs: {
    name: 'Blobs',
    description:
      'Gaussian clusters, one per class, centres on a circle: linearly separable (2-D, 3 classes by default).',
    defaults: { size: 400, noise: 0.15, seed: 1, classes: 3 },
    variableClasses: true,
    classNames: (k) => Array.from({ length: k }, (_, c) => `blob ${c + 1}`),
    point(_i, label, p, random, out) {
      const angle = (label * TWO_PI) / p.classes + Math.PI / 4;
      out[0] = 0.6 * Math.cos(angle) + p.noise * random.normal();
      out[1] = 0.6 * Math.sin(angle) + p.noise * random.normal();
    },
  },
};

export function isToyDatasetId(id: string): id is ToyDatasetId {
  return (TOY_DATASET_IDS as readonly string[]).includes(id);
}

export function toyDatasetInfo(id: ToyDatasetId): { name: string; description: string; defaults: ToyParams } {
  const spec = SPECS[id];
  return { name: spec.name, description: spec.description, defaults: { ...spec.defaults } };
}

type RawParams = Record<string, number | string | boolean> | undefined;

function numberParam(
  id: string,
  raw: RawParams,
  key: keyof ToyParams,
  fallback: number,
  check: (v: number) => boolean,
  rule: string,
): number {
  const value = raw?.[key];
  if (value === undefined) return fallback;
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || !check(n)) {
    throw new DatasetError(`Data set "${id}": parameter "${key}" must be ${rule}, got ${JSON.stringify(value)}.`);
  }
  return n;
}

/** Reads `ref.params` against the set's defaults; unknown or out-of-range parameters are a DatasetError. */
export function resolveToyParams(id: ToyDatasetId, raw: RawParams): ToyParams {
  const spec = SPECS[id];
  const known = spec.variableClasses ? ['size', 'noise', 'seed', 'classes'] : ['size', 'noise', 'seed'];
  for (const key of Object.keys(raw ?? {})) {
    if (!known.includes(key)) {
      throw new DatasetError(`Data set "${id}": unknown parameter "${key}" (known: ${known.join(', ')}).`);
    }
  }
  const d = spec.defaults;
  const isInt = Number.isInteger;
  return {
    size: numberParam(
      id,
      raw,
      'size',
      d.size,
      (v) => isInt(v) && v >= 2 && v <= 1_000_000,
      'an integer from 2 to 1,000,000',
    ),
    noise: numberParam(id, raw, 'noise', d.noise, (v) => v >= 0 && v <= 2, 'a number from 0 to 2'),
    seed: numberParam(
      id,
      raw,
      'seed',
      d.seed,
      (v) => isInt(v) && v >= 0 && v <= 2 ** 31 - 1,
      'an integer from 0 to 2^31-1',
    ),
    classes: numberParam(
      id,
      raw,
      'classes',
      d.classes,
      (v) => isInt(v) && v >= 2 && v <= 10,
      'an integer from 2 to 10',
    ),
  };
}

/** Generates `size` points; classes take turns so every class gets size/classes points (±1). */
export function generateToyDataset(id: ToyDatasetId, params: ToyParams): ToyData {
  const spec = SPECS[id];
  const random = createRandom(params.seed);
  const x = new Float32Array(params.size * 2);
  const labels = new Int32Array(params.size);
  const out = [0, 0];
  for (let i = 0; i < params.size; i++) {
    const label = i % params.classes;
    spec.point(i, label, params, random, out);
    x[2 * i] = out[0];
    x[2 * i + 1] = out[1];
    labels[i] = label;
  }
  return { x, labels, classNames: spec.classNames(params.classes) };
}
