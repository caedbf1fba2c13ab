import { z } from 'zod';
import { zClassScores } from '../ipc/training-events';
import { zDiagnosis } from '../training/diagnosis';
import { zStartTrainingRequest } from '../ipc/training-protocol';
import { capSnapshots, zEpochSnapshot } from '../views/snapshots';
import { zSavedWeights } from '../views/view-queries';
import { base64ByteLength } from '../base64';
import { zWeightReuseReport } from '../training/start-from';

/**
 * A finished run as a project keeps it (the `runs` of a project file): what was trained (graph, settings and data at
 * the time), how it went (history, gradient norms, final confusion matrix), the per-epoch snapshots for the replay,
 * and — for the latest few runs, within RUN_LIMITS — the trained weights, so the run can be inspected and tried again
 * after the project is reopened.
 */
export const zEpochRecord = z.object({
  epoch: z.number().int().min(1),
  loss: z.number(),
  accuracy: z.number().nullable(),
  valLoss: z.number().nullable(),
  valAccuracy: z.number().nullable(),
});
export type EpochRecord = z.infer<typeof zEpochRecord>;

export const zSavedRun = z.object({
  /** The run's number in its project: listed as "Run 1", "Run 2", … */
  number: z.number().int().min(1),
  /** The project's name when the run was trained. */
  name: z.string(),
  /** When the run started (ISO 8601). */
  startedAt: z.string(),
  status: z.enum(['done', 'cancelled']),
  /** Graph, training settings, data set and task exactly as trained. */
  request: zStartTrainingRequest,
  backend: z.string().nullable(),
  params: z.number().int().nullable(),
  trainSize: z.number().int().nullable(),
  valSize: z.number().int().nullable(),
  classNames: z.array(z.string()),
  history: z.array(zEpochRecord),
  /** Per epoch (in `history` order), each layer's gradient norm; layers named in `layers`. */
  gradientNorms: z.object({ layers: z.array(z.string()), epochs: z.array(z.array(z.number())) }).optional(),
  /** The last epoch's validation confusion matrix and per-class scores. */
  confusionMatrix: z.array(z.array(z.number().int())),
  perClass: z.array(zClassScores),
  seconds: z.number().nullable(),
  /** What the engine diagnosed about the run (learned nothing, overfitting, …), as the run list shows it. */
  diagnoses: z.array(zDiagnosis).optional(),
  snapshots: z.array(zEpochSnapshot).optional(),
  weights: zSavedWeights.optional(),
  /** For a run started from other weights (`request.startFrom`): which layers were reused, which not and why. */
  reuse: zWeightReuseReport.optional(),
});
export type SavedRun = z.infer<typeof zSavedRun>;

export const RUN_LIMITS = {
  /** Runs a project keeps; the oldest go first. */
  runs: 50,
  /** Runs (the latest) that keep their weights. */
  runsWithWeights: 3,
  /** Largest weights kept for one run, in bytes of float32 data (about a million parameters). */
  weightBytes: 4 * 1024 * 1024,
} as const;

/**
 * The runs a project saves: at most RUN_LIMITS.runs (the latest), weights only for the latest
 * RUN_LIMITS.runsWithWeights runs and only when they fit RUN_LIMITS.weightBytes, snapshots within their cap.
 */
export function runsToKeep(runs: readonly SavedRun[]): SavedRun[] {
  const latest = runs.slice(-RUN_LIMITS.runs);
  return latest.map((run, i) => {
    const keepWeights =
      run.weights !== undefined &&
      i >= latest.length - RUN_LIMITS.runsWithWeights &&
      base64ByteLength(run.weights.data) <= RUN_LIMITS.weightBytes;
    const snapshots = run.snapshots && capSnapshots(run.snapshots);
    if (keepWeights && snapshots === run.snapshots) return run;
    const { weights: _weights, ...rest } = run;
    return {
      ...rest,
      ...(keepWeights ? { weights: run.weights } : {}),
      ...(snapshots ? { snapshots: [...snapshots] } : {}),
    };
  });
}

/** "Run 3" — how runs are listed, after a reload too. */
export function runTitle(run: { number: number }): string {
  return `Run ${run.number}`;
}
