import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../core/services/atomic-write';
import { gradeDirectory, type GradeRow } from '../../core/exercises/grade-directory';
import { resolveCriteria, type Exercise } from '../../shared/exercises/exercise';
import { CliError } from '../cli-error';
import type { CliIo } from '../cli-io';
import { formatCsv } from '../format/csv';
import { formatDuration } from '../format/progress-bar';
import { parseFlagsAndArguments } from '../parse-flags';
import { checkOptionsFromFlags, exerciseFromFlags } from '../resolve-exercise';

const FLAGS = {
  exercise: 'string',
  out: 'string',
  jobs: 'number',
  json: 'boolean',
  backend: 'string',
  timeout: 'number',
} as const;

/**
 * `layerlab grade --exercise ID|FILE DIR [--out grades.csv] [--jobs N] [--json]`: checks every `*.layerlab.json`
 * under DIR and writes one CSV row per file (on stdout without --out). A file that cannot be checked gets a row with
 * its error; the exit code is 0 once every file has its row. With --json, stdout carries one `{file, result, error}`
 * object per file instead (the CSV then goes only to --out).
 */
export async function gradeCommand(args: string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseFlagsAndArguments('layerlab grade', args, FLAGS);
  if (positionals.length !== 1)
    throw new CliError(`layerlab grade: give one folder of submissions (got ${positionals.length || 'none'})`);
  const dir = path.resolve(positionals[0]);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CliError(`layerlab grade: ${dir} is not a folder`);
  const jobs = flags.jobs as number | undefined;
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1 && jobs <= 64))
    throw new CliError(`layerlab grade: --jobs must be a whole number from 1 to 64, got ${jobs}`);
  const exercise = await exerciseFromFlags('grade', flags);
  const options = checkOptionsFromFlags('grade', flags);
  const outFile = flags.out === undefined ? null : path.resolve(String(flags.out));

  const started = performance.now();
  const rows = await gradeDirectory(exercise, dir, {
    ...options,
    ...(jobs === undefined ? {} : { jobs }),
    onRow: (row, finished, total) => io.err(`[${finished}/${total}] ${row.file}: ${rowSummary(row)}`),
  });
  if (rows.length === 0) throw new CliError(`layerlab grade: no *.layerlab.json files under ${dir}`);
  const csv = gradesCsv(exercise, rows);
  if (flags.json) for (const row of rows) io.out(JSON.stringify(row));
  if (outFile !== null) {
    try {
      await writeFileAtomic(outFile, csv);
    } catch (error) {
      throw new CliError(`layerlab grade: cannot write ${outFile}: ${(error as Error).message}`);
    }
  } else if (!flags.json) io.out(csv.trimEnd());
  const passed = rows.filter((row) => row.result?.passed).length;
  const errors = rows.filter((row) => row.error !== null).length;
  io.err(
    `Graded ${rows.length} file${rows.length === 1 ? '' : 's'} in ${formatDuration((performance.now() - started) / 1000)}: ` +
      `${passed} passed, ${rows.length - passed - errors} not passed, ${errors} could not be checked` +
      (outFile === null ? '' : `. Wrote ${outFile}`),
  );
  return 0;
}

/** The grade sheet: file, passed, score, maxScore, the points earned per criterion (by id), error. */
export function gradesCsv(exercise: Exercise, rows: readonly GradeRow[]): string {
  const ids = resolveCriteria(exercise).map((criterion) => criterion.id);
  const header = ['file', 'passed', 'score', 'maxScore', ...ids, 'error'];
  const lines = rows.map((row) => {
    const result = row.result;
    const earned = ids.map((id) => {
      const criterion = result?.criteria.find((c) => c.id === id);
      return criterion === undefined ? null : criterion.passed ? criterion.points : 0;
    });
    const error = row.error ?? (result && result.problems.length > 0 ? result.problems.join('; ') : null);
    return [
      row.file,
      result ? result.passed : false,
      result?.score ?? null,
      result?.maxScore ?? null,
      ...earned,
      error,
    ];
  });
  return formatCsv([header, ...lines]);
}

function rowSummary(row: GradeRow): string {
  if (row.result === null) return `error: ${row.error}`;
  return `${row.result.score}/${row.result.maxScore}${row.result.passed ? ', passed' : ''}`;
}
