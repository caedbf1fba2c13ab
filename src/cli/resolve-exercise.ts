import type { Exercise } from '../shared/exercises/exercise';
import { resolveExercise } from '../core/exercises/read-files';
import { BACKENDS, type BackendName } from '../shared/training/train-config';
import { CliError } from './cli-error';
import type { ParsedFlags } from './parse-flags';

/** `--exercise ID|FILE`: a built-in exercise or an exercise file; a missing flag or a bad file is a CliError. */
export async function exerciseFromFlags(command: string, flags: ParsedFlags): Promise<Exercise> {
  const value = flags.exercise;
  if (typeof value !== 'string' || value === '')
    throw new CliError(`layerlab ${command}: --exercise ID|FILE is required (see layerlab exercises)`);
  try {
    return await resolveExercise(value);
  } catch (error) {
    throw new CliError(`layerlab ${command}: ${(error as Error).message}`);
  }
}

/** The `--backend` and `--timeout` flags shared by check and grade. */
export function checkOptionsFromFlags(
  command: string,
  flags: ParsedFlags,
): { backend: BackendName; timeoutMs?: number } {
  const backend = (flags.backend as string | undefined) ?? 'auto';
  if (!(BACKENDS as readonly string[]).includes(backend))
    throw new CliError(`layerlab ${command}: --backend must be one of ${BACKENDS.join(', ')}, got "${backend}"`);
  const timeout = flags.timeout as number | undefined;
  if (timeout !== undefined && !(timeout > 0))
    throw new CliError(`layerlab ${command}: --timeout must be a positive number of seconds, got ${timeout}`);
  return { backend: backend as BackendName, ...(timeout === undefined ? {} : { timeoutMs: timeout * 1000 }) };
}
