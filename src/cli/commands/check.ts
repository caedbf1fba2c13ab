import path from 'node:path';
import type { TrainingEvent } from '../../shared/ipc/training-events';
import { checkSubmission } from '../../core/exercises/check-submission';
import { readSubmission } from '../../core/exercises/read-files';
import { CliError } from '../cli-error';
import type { CliIo } from '../cli-io';
import { formatChecklist } from '../format/checklist';
import { formatDuration, progressBar } from '../format/progress-bar';
import { parseFlags } from '../parse-flags';
import { checkOptionsFromFlags, exerciseFromFlags } from '../resolve-exercise';

const FLAGS = {
  exercise: 'string',
  project: 'string',
  json: 'boolean',
  backend: 'string',
  timeout: 'number',
} as const;

/** Exit code of a check that ran and found the submission not (yet) passing. */
export const EXIT_NOT_PASSED = 3;

/**
 * `layerlab check --exercise ID|FILE --project FILE [--json]`: retrains the project's graph from scratch under the
 * exercise's rules and judges it. Exit 0 passed, 3 not passed, 2 bad input, 1 internal failure. With --json,
 * stdout carries the run's TrainingEvents (NDJSON) and, last, the result object.
 */
export async function checkCommand(args: string[], io: CliIo): Promise<number> {
  const flags = parseFlags('layerlab check', args, FLAGS);
  const exercise = await exerciseFromFlags('check', flags);
  const options = checkOptionsFromFlags('check', flags);
  if (typeof flags.project !== 'string') throw new CliError('layerlab check: --project FILE is required');
  const file = path.resolve(flags.project);
  const read = await readSubmission(file, { followSymlinks: true });
  if (!read.ok) throw new CliError(`${file}: ${read.error}`);
  const started = performance.now();
  const result = await checkSubmission(exercise, read.submission, {
    ...options,
    onEvent: flags.json ? (event) => io.out(JSON.stringify(event)) : progressReporter(io),
  });
  if (flags.json) io.out(JSON.stringify(result));
  else {
    io.out(formatChecklist(result));
    io.err(`Checked in ${formatDuration((performance.now() - started) / 1000)}`);
  }
  return result.passed ? 0 : EXIT_NOT_PASSED;
}

function progressReporter(io: CliIo): (event: TrainingEvent) => void {
  let epochs = 1;
  let batches = 1;
  return (event) => {
    if (event.type === 'started') {
      epochs = event.epochs;
      batches = event.batchesPerEpoch;
      io.err(`Training from scratch on ${event.trainSize} samples (backend ${event.backend})...`);
    } else if (event.type === 'batch') {
      io.status(`Epoch ${event.epoch}/${epochs} ${progressBar(event.batch, batches)}`);
    } else if (event.type === 'epoch') {
      io.status(`Epoch ${event.epoch}/${epochs} ${progressBar(1, 1)}`);
    }
  };
}
