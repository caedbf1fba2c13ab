import { z } from 'zod';

/** Which data a project trains on: a built-in generator (with its parameters) or a file the user imported. */
export const zDatasetRef = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('builtin'),
    /** `fonts`, `xor`, `circles`, `moons`, `spiral`, `blobs`. */
    id: z.string().min(1),
    /** Generator parameters, e.g. { size: 400, noise: 0.1, seed: 1, classes: 3 }. */
    params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).optional(),
  }),
  z.object({
    kind: z.literal('file'),
    /** Path on the machine that trains (npz, npy, csv, or a folder of class sub-folders). */
    path: z.string().min(1),
    /** Array (npz) or column (csv) holding the features; default picked by the importer. */
    x: z.string().optional(),
    /** Array (npz) or column (csv) holding the labels; default picked by the importer. */
    y: z.string().optional(),
    /** Importer options (csv scaling, image size, color mode, ...). */
    options: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).optional(),
    /**
     * The file's name as the user knows it (what they picked or uploaded): what the app shows, and what it asks for
     * when the file must be imported again (browser mode keeps uploads only while its server runs). Never the path.
     */
    name: z.string().min(1).max(255).optional(),
    /** Names the user gave the classes, in label order; they replace the file's own (see withClassNames). */
    classNames: z.array(z.string().max(80)).max(1000).optional(),
  }),
]);

export type DatasetRef = z.infer<typeof zDatasetRef>;

/** What the renderer and the CLI learn about a dataset without its samples. */
export const zDatasetDescriptor = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  /** Shape of one sample without the batch axis, e.g. [36, 36, 1] or [2]. */
  inputShape: z.array(z.number().int().positive()),
  classNames: z.array(z.string()),
  /** Samples per class over all splits, in `classNames` order. */
  countsPerClass: z.array(z.number().int().nonnegative()),
  /** Sample counts per split; `validation` is 0 when the engine carves it out with `validationSplit`. */
  splits: z.object({
    train: z.number().int().nonnegative(),
    validation: z.number().int().nonnegative(),
    test: z.number().int().nonnegative(),
  }),
  /** Range of the feature values handed to the model, e.g. [0, 1] after dividing pixels by 255. */
  valueRange: z.tuple([z.number(), z.number()]),
  /** Where the data comes from: "built-in generator", a file path, ... */
  source: z.string(),
});

export type DatasetDescriptor = z.infer<typeof zDatasetDescriptor>;

/**
 * The descriptor with the class names the ref gives (a name left empty keeps the file's). The one place renamed
 * classes take effect: the host's descriptions and previews and the engine's runs all go through it.
 */
export function withClassNames<T extends { classNames: string[] }>(described: T, ref: DatasetRef): T {
  if (ref.kind !== 'file' || !ref.classNames) return described;
  const given = ref.classNames;
  const classNames = described.classNames.map((name, i) => given[i]?.trim() || name);
  return classNames.every((name, i) => name === described.classNames[i]) ? described : { ...described, classNames };
}

/** How a data set is named to the user: a built-in's id, a file's own name (never the path on the host). */
export function datasetName(ref: DatasetRef): string {
  if (ref.kind === 'builtin') return ref.id;
  return ref.name ?? ref.path.split(/[\\/]/).filter(Boolean).pop() ?? ref.path;
}
