import { z } from 'zod';
import { zModelGraph } from './model-graph';
import { zLoss, zTrainConfig } from '../training/train-config';
import { zDatasetRef } from '../training/dataset';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from '../json-depth';
import { resolveTask, zTask } from '../training/task';
import { zSavedRun } from '../runs/saved-run';
import { fieldsOutside, keepUnknownFields } from './unknown-fields';

export const PROJECT_FORMAT = 'layerlab' as const;
/** Version 2 added `task`; readers accept every older version through PROJECT_MIGRATIONS. */
export const PROJECT_VERSION = 2 as const;

/** A `*.layerlab.json` file: the graph, how to train it, on which data and to learn what, optionally trained weights. */
export const zProjectFile = z.object({
  format: z.literal(PROJECT_FORMAT),
  version: z.literal(PROJECT_VERSION),
  graph: zModelGraph,
  training: zTrainConfig,
  dataset: zDatasetRef,
  /** What the output learns: class scores or (autoencoder) the input; chosen by the user, never guessed at training. */
  task: zTask,
  /** Trained weights as the engine wrote them; opaque here and kept as-is. */
  weights: z.unknown().optional(),
  /** The project's finished runs, oldest first (see SavedRun); absent in files without runs. */
  runs: z.array(zSavedRun).optional(),
});

/**
 * A parsed project. At run time it also carries every field of the file the schema does not know, where the file had
 * it (see unknown-fields.ts): code that copies objects with spreads keeps them, and serializeProject writes them.
 */
export type ProjectFile = z.infer<typeof zProjectFile>;

/** The top-level fields of a project this version does not know, as read (empty for a project built in code). */
export function unknownTopLevelFields(project: ProjectFile): Record<string, unknown> {
  return fieldsOutside(project, zProjectFile.shape);
}

export type ParseProjectResult =
  | {
      ok: true;
      project: ProjectFile;
      /** The version the file was written in, when it had to be migrated. */ migratedFrom?: number;
    }
  | { ok: false; error: string };

type RawProject = Record<string, unknown>;

/**
 * Upgrades a raw file of version `key` to version `key + 1`. Parsing chains them from the file's version up to
 * PROJECT_VERSION, so an old file opens without the schema knowing its past shapes.
 */
export const PROJECT_MIGRATIONS: Record<number, (raw: RawProject) => RawProject> = {
  /** Version 0 (pre-release files) named a node's layer kind `type`. */
  0: (raw) => {
    const graph = isRecord(raw.graph) ? raw.graph : {};
    const nodes = Array.isArray(graph.nodes)
      ? graph.nodes.map((node) => {
          if (!isRecord(node) || !('type' in node) || 'kind' in node) return node;
          const { type, ...rest } = node;
          return { ...rest, kind: type };
        })
      : graph.nodes;
    return { ...raw, version: 1, graph: { ...graph, version: 1, nodes } };
  },
  /**
   * Version 1 had no `task`: the app and the engine each guessed it, and disagreed on an output shaped like the
   * input trained with mean squared error (XOR: 2 inputs, 2 classes). The file now records resolveTask's answer.
   * A task the file carries anyway is kept (and checked by the schema).
   */
  1: (raw) => {
    if (raw.task !== undefined) return { ...raw, version: 2 };
    const graph = zModelGraph.safeParse(raw.graph);
    const loss = zLoss.safeParse(isRecord(raw.training) ? raw.training.loss : undefined);
    // A graph or loss too broken to read fails parsing on its own; a placeholder task adds no second complaint.
    const task = graph.success && loss.success ? resolveTask({ graph: graph.data, loss: loss.data }) : 'classification';
    return { ...raw, version: 2, task };
  },
};

/** Reads a project file's text. Never throws: every failure is a sentence naming what is wrong and where. */
export function parseProjectFile(text: string): ParseProjectResult {
  if (typeof text !== 'string') return { ok: false, error: 'not text: the file could not be read as text' };
  if (text.trim() === '') return { ok: false, error: 'the file is empty' };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: describeJsonError(error, text) };
  }
  if (!isRecord(raw)) {
    return { ok: false, error: `not a LayerLab project: expected a JSON object, found ${kindOfJson(raw)}` };
  }
  if (jsonDepthExceeds(raw, MAX_JSON_DEPTH)) {
    return { ok: false, error: `the file nests lists or objects more than ${MAX_JSON_DEPTH} levels deep` };
  }
  if (raw.format !== PROJECT_FORMAT) {
    return {
      ok: false,
      error:
        raw.format === undefined
          ? `format is missing, expected '${PROJECT_FORMAT}' (is this a LayerLab project file?)`
          : `format is ${quote(raw.format)}, expected '${PROJECT_FORMAT}'`,
    };
  }
  const version = raw.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return { ok: false, error: `version is ${quote(version)}, expected a whole number such as ${PROJECT_VERSION}` };
  }
  if (version > PROJECT_VERSION) {
    return {
      ok: false,
      error: `version ${version} is newer than this LayerLab understands (${PROJECT_VERSION}): update LayerLab`,
    };
  }
  let migrated: RawProject = raw;
  for (let from = version; from < PROJECT_VERSION; from++) {
    const migrate = PROJECT_MIGRATIONS[from];
    if (!migrate)
      return { ok: false, error: `version ${version} is too old: LayerLab cannot upgrade files of version ${from}` };
    try {
      migrated = migrate(migrated);
    } catch (error) {
      return {
        ok: false,
        error: `upgrading from version ${from} failed: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }
  const parsed = zProjectFile.safeParse(migrated);
  if (!parsed.success) return { ok: false, error: describeIssues(parsed.error.issues, migrated) };
  const project = keepUnknownFields(migrated, parsed.data);
  return version < PROJECT_VERSION ? { ok: true, project, migratedFrom: version } : { ok: true, project };
}

/** Order of keys in saved files, so that saving twice gives the same bytes and diffs stay small. */
const KEY_ORDER = [
  'format',
  'version',
  'graph',
  'training',
  'dataset',
  'task',
  'weights',
  'runs',
  'nodes',
  'edges',
  'outputId',
  'id',
  'kind',
  'label',
  'source',
  'target',
  'targetPort',
  'position',
  'x',
  'y',
  'config',
];
/** The project as 2-space JSON with a fixed key order (known keys first, the rest alphabetical) and a final newline. */
export function serializeProject(project: ProjectFile): string {
  return stableJson(project, KEY_ORDER);
}

/**
 * `value` as 2-space JSON with a final newline, each object's keys in `keyOrder` first and the rest alphabetical,
 * undefined values left out: saving the same document twice gives the same bytes (project and exercise files).
 */
export function stableJson(value: unknown, keyOrder: readonly string[]): string {
  const rank = new Map(keyOrder.map((key, i) => [key, i]));
  const byRank = (a: string, b: string) =>
    (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0);
  const orderKeys = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(orderKeys);
    if (!isRecord(node)) return node;
    const keys = Object.keys(node)
      .filter((key) => node[key] !== undefined)
      .sort(byRank);
    const ordered: Record<string, unknown> = {};
    for (const key of keys) ordered[key] = orderKeys(node[key]);
    return ordered;
  };
  return `${JSON.stringify(orderKeys(value), null, 2)}\n`;
}

/** A JSON.parse failure as a sentence; says when the text looks truncated. */
export function describeJsonError(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message);
  const end = text.trimEnd().length;
  const truncated = /end of (JSON )?input/i.test(message) || (position !== null && Number(position[1]) >= end);
  const where = position === null && truncated ? ` at position ${text.length}` : '';
  return `not JSON: ${message}${where}${truncated ? ' (file truncated?)' : ''}`;
}

const MAX_LISTED_ISSUES = 3;

/** zod issues as one sentence each (the first few), with their paths and the values found there. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], raw: unknown): string {
  const lines = issues.slice(0, MAX_LISTED_ISSUES).map((issue) => describeIssue(issue, raw));
  const more = issues.length - MAX_LISTED_ISSUES;
  if (more > 0) lines.push(`and ${more} more problem${more > 1 ? 's' : ''}`);
  return lines.join('; ');
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  const path = formatPath(issue.path);
  const value = valueAt(raw, issue.path);
  const at = path === '' ? 'the file' : path;
  if (issue.code === 'invalid_value' && issue.path[issue.path.length - 1] === 'kind' && issue.path[1] === 'nodes') {
    return `${at}: ${quote(value)} is not a layer kind`;
  }
  if (issue.code === 'invalid_value' && value === undefined) {
    return `${at} is missing (expected one of ${issue.values.map((v) => quote(v)).join(', ')})`;
  }
  if (issue.code === 'invalid_value') {
    return `${at}: ${quote(value)} is not one of ${issue.values.map((v) => quote(v)).join(', ')}`;
  }
  if (issue.code === 'invalid_type') {
    return value === undefined
      ? `${at} is missing (expected ${issue.expected})`
      : `${at}: expected ${issue.expected}, found ${quote(value)}`;
  }
  return `${at}: ${issue.message}${value === undefined ? '' : ` (found ${quote(value)})`}`;
}

/** ["graph", "nodes", 3, "kind"] → "graph.nodes[3].kind" */
function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    return text === '' ? String(key) : `${text}.${String(key)}`;
  }, '');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** A value as it appears in a message: strings in single quotes, long JSON cut short. */
export function quote(value: unknown): string {
  if (typeof value === 'string') return `'${value.length > 40 ? `${value.slice(0, 40)}…` : value}'`;
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

export function kindOfJson(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return `a ${typeof value}`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
