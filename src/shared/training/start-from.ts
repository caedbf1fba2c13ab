import { z } from 'zod';
import { zProjectWeights } from '../graph/project-weights';
import { zSavedWeights } from '../views/view-queries';

/**
 * Where a run's weights start (the training settings' "Start from"), as the user chose it and the run saves it:
 * an earlier run of the project, or the weights of the model the project was imported from. Absent: new random
 * weights (the seeded initializers).
 */
export const zStartFrom = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('run'), run: z.number().int().min(1) }),
  z.object({ kind: z.literal('imported') }),
]);
export type StartFrom = z.infer<typeof zStartFrom>;

export const NEW_WEIGHTS_LABEL = 'New random weights';
export const IMPORTED_WEIGHTS_LABEL = 'Imported model weights';

/** "New random weights", "Run 3", "Imported model weights": how settings, run comparison and messages name it. */
export function startFromLabel(startFrom: StartFrom | undefined): string {
  if (startFrom === undefined) return NEW_WEIGHTS_LABEL;
  return startFrom.kind === 'run' ? `Run ${startFrom.run}` : IMPORTED_WEIGHTS_LABEL;
}

/**
 * Where the host finds the weights a run starts from. The weights travel from where they already are: a run of
 * this session by its run id (the host keeps its model), else the weights the renderer holds anyway — a run read
 * back from the project file (its saved weights), or the project's imported weights (by node id).
 */
export const zWeightsOrigin = z.discriminatedUnion('from', [
  z.object({ from: z.literal('host-run'), runId: z.string().min(1).max(100) }),
  z.object({ from: z.literal('saved-run'), weights: zSavedWeights }),
  z.object({ from: z.literal('project'), weights: zProjectWeights }),
]);
export type WeightsOrigin = z.infer<typeof zWeightsOrigin>;

/**
 * What starting from other weights did to each layer of the model that holds weights, decided by the matching
 * `layerlab train --init-from` uses (core/interop/weights/weight-reuse.ts): reused where the layer name and every
 * weight's shape match, else initialized fresh with the reason.
 */
export const zWeightReuseReport = z.object({
  /** The source as the user chose it ("Run 1", "Imported model weights"). */
  source: z.string(),
  reused: z.array(z.string()),
  skipped: z.array(z.object({ layer: z.string(), reason: z.string() })),
  /** Layers of the source that no layer of the model took weights from. */
  unused: z.array(z.string()),
});
export type WeightReuseReport = z.infer<typeof zWeightReuseReport>;

/** Why a run does not start from a source none of whose layers fit (the CLI exits 2, the app shows it). */
export const NO_LAYER_MATCHES = 'no layer of this model matches a layer there by name and shape';
