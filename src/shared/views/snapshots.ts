import { z } from 'zod';
import { packedSize, zPackedArray } from './packed-array';
import { zBoundaryGrid } from './view-queries';

/**
 * What a run keeps of each epoch for the replay slider: its metrics and confusion matrix, the decision boundary of a
 * 2-D classifier, and the first layer's weights when they are small. Kept by the training process during the run,
 * fetched by the app when it ends and saved with the project, always within SNAPSHOT_LIMITS.
 */
export const zEpochSnapshot = z.object({
  /** 1-based epoch the snapshot was taken after. */
  epoch: z.number().int().min(1),
  loss: z.number(),
  accuracy: z.number().nullable(),
  valLoss: z.number().nullable(),
  valAccuracy: z.number().nullable(),
  confusionMatrix: z.array(z.array(z.number().int())),
  boundary: zBoundaryGrid.optional(),
  /** The first weighted layer's kernel (float32), when it has at most SNAPSHOT_LIMITS.weightValues values. */
  weights: z.object({ layer: z.string(), values: zPackedArray }).optional(),
});
export type EpochSnapshot = z.infer<typeof zEpochSnapshot>;

export const SNAPSHOT_LIMITS = {
  /** Largest first-layer kernel a snapshot keeps (the logistic regression's 1296 × 5 fits). */
  weightValues: 16_384,
  /** Bytes (as saved) all snapshots of one run may take; beyond it the oldest weights go first, then the oldest grids. */
  runBytes: 2 * 1024 * 1024,
} as const;

/** Bytes a snapshot takes in a project file, roughly: its packed arrays plus its numbers. */
export function snapshotSize(snapshot: EpochSnapshot): number {
  const cells = snapshot.confusionMatrix.reduce((sum, row) => sum + row.length, 0);
  let size = 160 + cells * 6;
  if (snapshot.boundary) size += packedSize(snapshot.boundary.classes) + packedSize(snapshot.boundary.confidence) + 96;
  if (snapshot.weights) size += packedSize(snapshot.weights.values) + snapshot.weights.layer.length;
  return size;
}

/**
 * The snapshots within `maxBytes`: first the oldest epochs lose their weights, then (if still too large) the oldest
 * lose their boundary grids; metrics and confusion matrices always stay. The latest epoch keeps its pictures longest,
 * since the replay ends there. Returns the same array when nothing had to go.
 */
export function capSnapshots(snapshots: readonly EpochSnapshot[], maxBytes: number = SNAPSHOT_LIMITS.runBytes) {
  let total = snapshots.reduce((sum, s) => sum + snapshotSize(s), 0);
  if (total <= maxBytes) return snapshots;
  const kept = snapshots.map((s) => ({ ...s }));
  for (const part of ['weights', 'boundary'] as const) {
    for (const snapshot of kept) {
      if (total <= maxBytes) return kept;
      if (snapshot[part] === undefined) continue;
      const before = snapshotSize(snapshot);
      delete snapshot[part];
      total -= before - snapshotSize(snapshot);
    }
  }
  return kept;
}
