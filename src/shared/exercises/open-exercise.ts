import { z } from 'zod';
import { zModelGraph } from '../graph/model-graph';
import { zTrainConfig } from '../training/train-config';
import type { Exercise } from './exercise';
import { parseExerciseFile } from './exercise-file';
import { zExerciseResult } from './exercise-result';

/**
 * The autosave slot's top-level field holding the exercise that was open over the project, so Recover brings the
 * exercise back with its locks, palette and instructions. Only the autosave slot has it; absent, none was open (and
 * slots written before it existed read as before).
 */
export const OPEN_EXERCISE_FIELD = 'openExercise';

/** The open exercise's last check, and the graph and settings it judged (to tell when they have changed since). */
export const zCheckedSubmission = z.object({ result: zExerciseResult, graph: zModelGraph, training: zTrainConfig });
export type CheckedSubmission = z.infer<typeof zCheckedSubmission>;

/**
 * The exercise as its file holds it (format and version included, so a slot written by an older LayerLab migrates
 * like the file would) and its last check, if any.
 */
const zOpenExerciseRecord = z.object({ exercise: z.unknown(), checked: z.unknown().optional() });

export interface OpenExercise {
  exercise: Exercise;
  checked: CheckedSubmission | null;
}

export type ReadOpenExerciseResult = { ok: true; open: OpenExercise } | { ok: false; error: string };

/** The slot's field for an open exercise, as JSON data. */
export function openExerciseRecord(open: OpenExercise): z.input<typeof zOpenExerciseRecord> {
  return { exercise: open.exercise, checked: open.checked };
}

/** Reads the slot's field back; never throws: a record that can't be read says why in a sentence. */
export function readOpenExercise(raw: unknown): ReadOpenExerciseResult {
  const record = zOpenExerciseRecord.safeParse(raw);
  if (!record.success) return { ok: false, error: 'its record is damaged' };
  const parsed = parseExerciseFile(JSON.stringify(record.data.exercise));
  if (!parsed.ok) return { ok: false, error: parsed.error };
  // The checklist is a convenience: a damaged one, or one of another exercise, is dropped, the exercise is kept.
  const last = zCheckedSubmission.nullable().safeParse(record.data.checked ?? null);
  const checked = last.success && last.data?.result.exercise === parsed.exercise.id ? last.data : null;
  return { ok: true, open: { exercise: parsed.exercise, checked } };
}
