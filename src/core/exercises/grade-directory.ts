import { availableParallelism } from 'node:os';
import { opendir } from 'node:fs/promises';
import path from 'node:path';
import type { Exercise } from '../../shared/exercises/exercise';
import type { ExerciseResult } from '../../shared/exercises/exercise-result';
import { checkSubmission, type CheckOptions, exerciseDataset } from './check-submission';
import { ExerciseError } from './exercise-error';
import { readSubmission } from './read-files';

/** Project files are what students hand in; exercise files have their own suffix and are not graded. */
export const SUBMISSION_SUFFIX = '.layerlab.json';
/** More files than any class hands in: a folder with more is a mistake (the home folder, say), refused early. */
export const MAX_SUBMISSIONS = 10_000;

/** One graded file: a result, or the reason there is none. */
export interface GradeRow {
  /** Path relative to the graded folder, with `/` separators. */
  file: string;
  result: ExerciseResult | null;
  /** Why the file could not be checked (unreadable, invalid, internal failure); null when it was. */
  error: string | null;
}

export interface GradeOptions extends Omit<CheckOptions, 'onEvent'> {
  /** Checks run side by side, each in its own training process; default one per core. */
  jobs?: number;
  /** Called as each file finishes, in completion order. */
  onRow?: (row: GradeRow, finished: number, total: number) => void;
}

/**
 * Every `*.layerlab.json` under `dir`, recursively, sorted by path. Symbolic links are never followed: a linked
 * folder is skipped, a linked project file is listed so that its row says why it was not graded.
 */
export async function findSubmissions(dir: string): Promise<string[]> {
  const found: string[] = [];
  const pending = [dir];
  while (pending.length > 0) {
    const current = pending.pop()!;
    for await (const entry of await opendir(current)) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) pending.push(full);
      else if ((entry.isFile() || entry.isSymbolicLink()) && entry.name.endsWith(SUBMISSION_SUFFIX)) {
        found.push(full);
        if (found.length > MAX_SUBMISSIONS)
          throw new ExerciseError(`more than ${MAX_SUBMISSIONS} project files under ${dir}: is this the right folder?`);
      }
    }
  }
  return found.map((file) => path.relative(dir, file).split(path.sep).join('/')).sort();
}

/**
 * Grades every submission under `dir` against the exercise, `jobs` at a time. A file that cannot be read, parsed or
 * checked gets a row with its error and the batch goes on; the rows come back sorted by file.
 */
export async function gradeDirectory(exercise: Exercise, dir: string, options: GradeOptions = {}): Promise<GradeRow[]> {
  exerciseDataset(exercise); // a broken exercise fails once, here, not once per file
  const files = await findSubmissions(dir);
  const jobs = Math.max(1, Math.min(options.jobs ?? availableParallelism(), files.length));
  const rows: GradeRow[] = [];
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++];
      const row = await gradeFile(exercise, dir, file, options);
      rows.push(row);
      options.onRow?.(row, rows.length, files.length);
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  return rows.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

async function gradeFile(exercise: Exercise, dir: string, file: string, options: GradeOptions): Promise<GradeRow> {
  const read = await readSubmission(path.join(dir, ...file.split('/')));
  if (!read.ok) return { file, result: null, error: read.error };
  try {
    const { jobs: _jobs, onRow: _onRow, ...check } = options;
    return { file, result: await checkSubmission(exercise, read.submission, check), error: null };
  } catch (error) {
    return { file, result: null, error: `the check failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}
