import { z } from 'zod';
import type { ExerciseResult } from '../../../shared/exercises/exercise-result';

/** How far a student got with one exercise, by its id. */
export const zExerciseProgressEntry = z.object({
  /** Passed at least once: a later failing check does not take it back. */
  passed: z.boolean(),
  /** The highest score of any check, out of `maxScore`. */
  bestScore: z.number().min(0),
  maxScore: z.number().min(0),
});
export type ExerciseProgressEntry = z.infer<typeof zExerciseProgressEntry>;
export type ExerciseProgress = Readonly<Record<string, ExerciseProgressEntry>>;

export const PROGRESS_KEY = 'layerlab.exerciseProgress';

/** The storage the progress lives in: the page's localStorage (kept by Electron and the browser across restarts). */
export type ProgressStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** Reads the stored progress; an unreadable or hand-edited entry is dropped, never a crash. */
export function readProgress(storage: ProgressStorage | null): ExerciseProgress {
  let raw: unknown;
  try {
    raw = JSON.parse(storage?.getItem(PROGRESS_KEY) ?? '{}');
  } catch {
    return {};
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const progress: Record<string, ExerciseProgressEntry> = {};
  for (const [id, entry] of Object.entries(raw)) {
    const parsed = zExerciseProgressEntry.safeParse(entry);
    if (parsed.success) progress[id] = parsed.data;
  }
  return progress;
}

/** The progress after a check: passed stays passed, the best score only goes up. */
export function withResult(progress: ExerciseProgress, result: ExerciseResult): ExerciseProgress {
  const before = progress[result.exercise];
  const entry: ExerciseProgressEntry = {
    passed: (before?.passed ?? false) || result.passed,
    bestScore: Math.max(before?.bestScore ?? 0, result.score),
    maxScore: result.maxScore,
  };
  return { ...progress, [result.exercise]: entry };
}

/** Saves the progress; a full or unavailable storage only means it is not kept (the check's result still shows). */
export function writeProgress(storage: ProgressStorage | null, progress: ExerciseProgress): boolean {
  try {
    storage?.setItem(PROGRESS_KEY, JSON.stringify(progress));
    return storage !== null;
  } catch {
    return false;
  }
}

/** "Passed · 6/6", "Not yet · best 3/6", "Not yet". */
export function progressText(entry: ExerciseProgressEntry | undefined): string {
  if (!entry) return 'Not yet';
  const score = `${formatPoints(entry.bestScore)}/${formatPoints(entry.maxScore)}`;
  return entry.passed ? `Passed · ${score}` : `Not yet · best ${score}`;
}

export function formatPoints(points: number): string {
  return Number.isInteger(points) ? String(points) : points.toFixed(1);
}
