import { describeIssues, describeJsonError, isRecord, quote, stableJson } from '../graph/project-file';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from '../json-depth';
import { EXERCISE_FORMAT, EXERCISE_VERSION, type Exercise, zExercise } from './exercise';

/** Exercise files are text a teacher writes: anything bigger is not one, and is refused unread (CLI, app, upload). */
export const MAX_EXERCISE_FILE_BYTES = 2 * 1024 * 1024;

export type ParseExerciseResult =
  | {
      ok: true;
      exercise: Exercise;
      /** The version the file was written in, when it had to be migrated. */
      migratedFrom?: number;
    }
  | { ok: false; error: string };

type RawExercise = Record<string, unknown>;
type Migration = (raw: RawExercise) => RawExercise;

/**
 * Upgrades a raw exercise of version `key` to version `key + 1`; parsing chains them from the file's version up to
 * EXERCISE_VERSION, so the schema only knows the current shape. Version 1 is the first, so there are none yet: the
 * next format change adds `1: (raw) => …` here, with a test.
 */
export const EXERCISE_MIGRATIONS: Record<number, Migration> = {};

/** Reads an exercise file's text. Never throws: every failure is a sentence naming what is wrong and where. */
export function parseExerciseFile(
  text: string,
  migrations: Record<number, Migration> = EXERCISE_MIGRATIONS,
): ParseExerciseResult {
  if (typeof text !== 'string') return { ok: false, error: 'not text: the file could not be read as text' };
  if (text.trim() === '') return { ok: false, error: 'the file is empty' };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: describeJsonError(error, text) };
  }
  if (!isRecord(raw)) return { ok: false, error: 'not a LayerLab exercise: expected a JSON object' };
  if (jsonDepthExceeds(raw, MAX_JSON_DEPTH))
    return { ok: false, error: `the file nests lists or objects more than ${MAX_JSON_DEPTH} levels deep` };
  if (raw.format !== EXERCISE_FORMAT) {
    const hint = raw.format === 'layerlab' ? ' (this is a project file, not an exercise)' : '';
    return {
      ok: false,
      error:
        raw.format === undefined
          ? `format is missing, expected '${EXERCISE_FORMAT}' (is this a LayerLab exercise file?)`
          : `format is ${quote(raw.format)}, expected '${EXERCISE_FORMAT}'${hint}`,
    };
  }
  const version = raw.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0)
    return { ok: false, error: `version is ${quote(version)}, expected a whole number such as ${EXERCISE_VERSION}` };
  if (version > EXERCISE_VERSION) {
    return {
      ok: false,
      error: `version ${version} is newer than this LayerLab understands (${EXERCISE_VERSION}): update LayerLab`,
    };
  }
  let migrated: RawExercise = raw;
  for (let from = version; from < EXERCISE_VERSION; from++) {
    const migrate = migrations[from];
    if (!migrate)
      return {
        ok: false,
        error: `version ${version} is too old: LayerLab cannot upgrade exercises of version ${from}`,
      };
    try {
      migrated = migrate(migrated);
    } catch (error) {
      return {
        ok: false,
        error: `upgrading from version ${from} failed: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }
  let parsed: ReturnType<typeof zExercise.safeParse>;
  try {
    parsed = zExercise.safeParse(migrated);
  } catch (error) {
    // Only reachable through a bug in a check; the reader still gets a sentence, not a crash.
    return { ok: false, error: `the exercise could not be checked: ${(error as Error).message}` };
  }
  if (!parsed.success) return { ok: false, error: describeIssues(parsed.error.issues, migrated) };
  return version < EXERCISE_VERSION
    ? { ok: true, exercise: parsed.data, migratedFrom: version }
    : { ok: true, exercise: parsed.data };
}

/** Order of keys in saved exercise files: the fields a reader looks for first, then the rest alphabetically. */
const KEY_ORDER = [
  'format',
  'version',
  'id',
  'title',
  'summary',
  'instructions',
  'task',
  'dataset',
  'start',
  'lockedNodeIds',
  'allowedKinds',
  'rules',
  'criteria',
  'kind',
  'params',
  'points',
  'hint',
  'graph',
  'training',
  'nodes',
  'edges',
  'outputId',
  'source',
  'target',
  'targetPort',
  'label',
  'position',
  'x',
  'y',
  'config',
];
/** The exercise as 2-space JSON with a fixed key order and a final newline: saving twice gives the same bytes. */
export function serializeExercise(exercise: Exercise): string {
  return stableJson(exercise, KEY_ORDER);
}
