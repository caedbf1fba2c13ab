import { constants } from 'node:fs';
import { type FileHandle, open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseProjectFile } from '../../shared/graph/project-file';
import type { Exercise } from '../../shared/exercises/exercise';
import { MAX_EXERCISE_FILE_BYTES, parseExerciseFile } from '../../shared/exercises/exercise-file';
import type { Submission } from '../../shared/exercises/plan-check';
import { COURSE_EXERCISES, getCourseExercise } from '../../shared/exercises/course';
import { ExerciseError } from './exercise-error';

/** Re-exported for the CLI and the host; the limit itself lives with the exercise file format. */
export { MAX_EXERCISE_FILE_BYTES };
/** A project file with stored weights of a large model stays well under this; bigger files are refused unread. */
export const MAX_SUBMISSION_FILE_BYTES = 32 * 1024 * 1024;

/** A built-in exercise by id, or an exercise file by path; anything else is an ExerciseError naming both options. */
export async function resolveExercise(idOrFile: string): Promise<Exercise> {
  const builtin = getCourseExercise(idOrFile);
  if (builtin !== undefined) return builtin;
  const full = path.resolve(idOrFile);
  let size: number;
  try {
    const info = await stat(full);
    if (!info.isFile()) throw new ExerciseError(`${full} is not a file`);
    size = info.size;
  } catch (error) {
    if (error instanceof ExerciseError) throw error;
    throw new ExerciseError(
      `"${idOrFile}" is neither a built-in exercise (${COURSE_EXERCISES.map((e) => e.id).join(', ')}) nor a readable file`,
    );
  }
  if (size > MAX_EXERCISE_FILE_BYTES)
    throw new ExerciseError(
      `${full}: ${size} bytes is too big for an exercise file (at most ${MAX_EXERCISE_FILE_BYTES})`,
    );
  const parsed = parseExerciseFile(await readFile(full, 'utf8'));
  if (!parsed.ok) throw new ExerciseError(`${full}: ${parsed.error}`);
  return parsed.exercise;
}

/**
 * O_NOFOLLOW refuses a symbolic link even if one is swapped in after the folder was listed; O_NONBLOCK keeps a named
 * pipe from blocking the open (it is then refused as not a regular file). Both are 0 where a platform lacks them.
 */
const NO_FOLLOW_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

export type ReadSubmissionResult = { ok: true; submission: Submission } | { ok: false; error: string };

/**
 * Reads a submitted project file for a check: only a regular file (a symbolic link only when asked), of bounded
 * size, parsed without ever throwing. Only the graph and training settings are kept: stored weights and anything
 * else in the file play no part in a check.
 */
export async function readSubmission(
  file: string,
  options: { followSymlinks?: boolean } = {},
): Promise<ReadSubmissionResult> {
  let text: string;
  let handle: FileHandle;
  try {
    handle = await open(
      file,
      options.followSymlinks ? constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) : NO_FOLLOW_FLAGS,
    );
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    const reasons: Record<string, string> = {
      ELOOP: 'a symbolic link: not followed',
      ENOENT: 'no such file',
      EACCES: 'no permission to read the file',
    };
    return { ok: false, error: reasons[code ?? ''] ?? `cannot read the file: ${message}` };
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { ok: false, error: 'not a regular file' };
    if (info.size > MAX_SUBMISSION_FILE_BYTES)
      return {
        ok: false,
        error: `the file has ${info.size.toLocaleString('en-US')} bytes, more than a project file may (${MAX_SUBMISSION_FILE_BYTES.toLocaleString('en-US')})`,
      };
    text = await handle.readFile('utf8');
  } catch (error) {
    return { ok: false, error: `cannot read the file: ${(error as Error).message}` };
  } finally {
    await handle.close();
  }
  const parsed = parseProjectFile(text);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  return { ok: true, submission: { graph: parsed.project.graph, training: parsed.project.training } };
}
