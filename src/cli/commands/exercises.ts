import { existsSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../core/services/atomic-write';
import { COURSE_EXERCISES, getCourseExercise } from '../../shared/exercises/course';
import { EXERCISE_FILE_SUFFIX } from '../../shared/exercises/exercise';
import { serializeExercise } from '../../shared/exercises/exercise-file';
import { CliError } from '../cli-error';
import type { CliIo } from '../cli-io';
import { formatTable } from '../format/table';
import { parseFlags } from '../parse-flags';

const FLAGS = { json: 'boolean', export: 'string', out: 'string' } as const;

/**
 * `layerlab exercises [--json]`: the built-in course pack. `--export ID [--out FILE]` writes one of them as an
 * exercise file, the starting point for a teacher's own.
 */
export async function exercisesCommand(args: string[], io: CliIo): Promise<number> {
  const flags = parseFlags('layerlab exercises', args, FLAGS);
  if (flags.export !== undefined) return exportExercise(String(flags.export), flags.out as string | undefined, io);
  if (flags.out !== undefined) throw new CliError('layerlab exercises: --out goes with --export ID');
  const rows = COURSE_EXERCISES.map((exercise) => ({
    id: exercise.id,
    title: exercise.title,
    description: exercise.summary,
    task: exercise.task,
    dataset: exercise.dataset,
  }));
  if (flags.json) io.out(JSON.stringify(rows));
  else
    io.out(
      formatTable(
        ['ID', 'TITLE', 'DESCRIPTION'],
        rows.map((row) => [row.id, row.title, row.description]),
      ),
    );
  return 0;
}

async function exportExercise(id: string, out: string | undefined, io: CliIo): Promise<number> {
  const exercise = getCourseExercise(id);
  if (exercise === undefined)
    throw new CliError(
      `layerlab exercises: unknown exercise "${id}" (built in: ${COURSE_EXERCISES.map((e) => e.id).join(', ')})`,
    );
  const text = serializeExercise(exercise);
  if (out === undefined) {
    io.out(text.trimEnd());
    return 0;
  }
  const file = path.resolve(out);
  if (!file.endsWith(EXERCISE_FILE_SUFFIX))
    throw new CliError(`layerlab exercises: name the file *${EXERCISE_FILE_SUFFIX} (got ${out})`);
  await writeNewFile('exercises', file, text);
  io.err(`Wrote ${file}`);
  return 0;
}

/** Writes a file that must not exist yet, atomically: `new` and `exercises --export` never overwrite work. */
export async function writeNewFile(command: string, file: string, text: string): Promise<void> {
  if (existsSync(file)) throw new CliError(`layerlab ${command}: ${file} already exists; choose another name`);
  try {
    await writeFileAtomic(file, text);
  } catch (error) {
    throw new CliError(`layerlab ${command}: cannot write ${file}: ${(error as Error).message}`);
  }
}
