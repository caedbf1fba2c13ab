import { z } from 'zod';

export const PROJECT_WEIGHTS_FORMAT = 'layerlab-weights' as const;

/** One weight tensor: its shape in tfjs's layout and its float32 values, little-endian, base64. */
export const zWeightTensorData = z.object({
  shape: z.array(z.number().int().nonnegative()).max(8),
  /** Float32 little-endian bytes, base64: 4 × prod(shape) bytes once decoded. */
  data: z.string(),
});

/**
 * Weights carried in a project file (the `weights` field), e.g. an imported model's: by node id, then by role as
 * tfjs names it (`kernel`, `bias`, `gamma`, `beta`, `moving_mean`, `moving_variance`). Keyed by node id, so they
 * stay with their node when its label changes.
 */
export const zProjectWeights = z.object({
  format: z.literal(PROJECT_WEIGHTS_FORMAT),
  version: z.literal(1),
  /** Where the weights came from, for the user ("imported from model.json"). */
  source: z.string().optional(),
  layers: z.record(z.string(), z.record(z.string(), zWeightTensorData)),
});

export type ProjectWeights = z.infer<typeof zProjectWeights>;

/** A project file's `weights` (opaque to the file schema) when they are weights by node id, else null. */
export function readProjectWeights(raw: unknown): ProjectWeights | null {
  const parsed = zProjectWeights.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
