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
