import type { z } from 'zod';

/**
 * Fields a file has that this version's schema does not know: a newer LayerLab's, another tool's, a teacher's note.
 * zod drops them when it parses; a file opened, edited and saved keeps them (the file format only grows, see
 * DESIGN.md), and where one would be lost anyway the save says which, before it writes.
 */

/**
 * One step of a path into a document. An object's field is named by its key; a list item by its `id` when it has one
 * (a node, an edge), else by its index. `id` on a key step is the object's own `id` or file `path`: a data set
 * replaced by another is another object, and the first one's fields are not expected in it.
 */
export type PathStep = { key: string; id?: string } | { index: number; id?: string };

export interface UnknownField {
  /** Where the object holding the field sits. */
  at: readonly PathStep[];
  key: string;
}

/** At most this many unknown fields are listed (a hostile file could have millions). */
export const MAX_LISTED_UNKNOWN_FIELDS = 1000;

/**
 * Copies into `parsed` (what a zod schema made of `raw`) every field of `raw` the schema dropped, at every depth,
 * and returns it. Both are plain JSON data of bounded depth (the parser checks it first); lists the schema kept are
 * walked item by item. `__proto__` is never copied.
 */
export function keepUnknownFields<T>(raw: unknown, parsed: T): T {
  copyUnknown(raw, parsed);
  return parsed;
}

function copyUnknown(raw: unknown, parsed: unknown): void {
  if (Array.isArray(raw)) {
    if (!Array.isArray(parsed) || parsed.length !== raw.length) return;
    for (let i = 0; i < raw.length; i++) copyUnknown(raw[i], parsed[i]);
    return;
  }
  if (!isPlainRecord(raw) || !isPlainRecord(parsed)) return;
  for (const key of Object.keys(raw)) {
    if (key === '__proto__' || raw[key] === undefined) continue;
    if (Object.hasOwn(parsed, key)) copyUnknown(raw[key], parsed[key]);
    else parsed[key] = raw[key];
  }
}

/** The fields of `value` outside `shape` (an object schema's keys), as read: what to write back beside the known ones. */
export function fieldsOutside(value: object, shape: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(value).filter(([key, field]) => !Object.hasOwn(shape, key) && field !== undefined),
  );
}

/** The fields of `value` that `schema` does not know (none when `value` does not fit the schema at all). */
export function findUnknownFields(value: unknown, schema: z.ZodType): UnknownField[] {
  const parsed = schema.safeParse(value);
  if (!parsed.success) return [];
  const found: UnknownField[] = [];
  const walk = (raw: unknown, known: unknown, at: PathStep[]): void => {
    if (found.length >= MAX_LISTED_UNKNOWN_FIELDS) return;
    if (Array.isArray(raw)) {
      if (!Array.isArray(known) || known.length !== raw.length) return;
      raw.forEach((item, index) => walk(item, known[index], [...at, withId({ index }, item)]));
      return;
    }
    if (!isPlainRecord(raw) || !isPlainRecord(known)) return;
    for (const key of Object.keys(raw)) {
      if (raw[key] === undefined) continue;
      if (Object.hasOwn(known, key)) walk(raw[key], known[key], [...at, withId({ key }, raw[key])]);
      else if (found.length < MAX_LISTED_UNKNOWN_FIELDS) found.push({ at, key });
    }
  };
  walk(value, parsed.data, []);
  return found;
}

/**
 * Those of `fields` (found in a document as it was opened) that `next` (the document about to be saved) lacks although
 * the object that held each is still there: a node deleted takes its fields with it, a node kept must keep them.
 */
export function droppedUnknownFields(fields: readonly UnknownField[], next: unknown): UnknownField[] {
  return fields.filter((field) => {
    const holder = resolve(next, field.at);
    return isPlainRecord(holder) && !Object.hasOwn(holder, field.key);
  });
}

/**
 * Copies the fields `schema` does not know from `from` into `into` (a document rebuilt from `from`'s known fields, such
 * as the project a run writes), wherever the object that held each is in `into` too; returns those copied.
 */
export function carryUnknownFields(from: unknown, into: unknown, schema: z.ZodType): UnknownField[] {
  const carried: UnknownField[] = [];
  for (const field of findUnknownFields(from, schema)) {
    const source = resolve(from, field.at);
    const target = resolve(into, field.at);
    if (!isPlainRecord(source) || !isPlainRecord(target) || Object.hasOwn(target, field.key)) continue;
    target[field.key] = source[field.key];
    carried.push(field);
  }
  return carried;
}

/** `graph.nodes[id "d1"].position.z`: where a field is, for a message. */
export function describeUnknownField(field: UnknownField): string {
  let text = '';
  for (const step of field.at) {
    if ('key' in step) text += text === '' ? step.key : `.${step.key}`;
    else text += step.id !== undefined ? `[id ${JSON.stringify(step.id)}]` : `[${step.index}]`;
  }
  return text === '' ? field.key : `${text}.${field.key}`;
}

/** Names a few fields in a sentence's tail: "a, b and 3 more". */
export function listUnknownFields(fields: readonly UnknownField[], shown = 5): string {
  const names = fields.slice(0, shown).map(describeUnknownField);
  const more = fields.length - names.length;
  return more > 0 ? `${names.join(', ')} and ${more} more` : names.join(', ');
}

function withId<S extends PathStep>(step: S, item: unknown): S {
  const id = identity(item);
  return id === undefined ? step : { ...step, id };
}

/** What makes an object the same one after an edit: its `id` (nodes, edges, built-in data sets) or file `path`. */
function identity(item: unknown): string | undefined {
  if (!isPlainRecord(item)) return undefined;
  return typeof item.id === 'string' ? item.id : typeof item.path === 'string' ? item.path : undefined;
}

/** The object at `at` in `root`, following ids where the path has them; undefined when it is gone. */
function resolve(root: unknown, at: readonly PathStep[]): unknown {
  let value = root;
  for (const step of at) {
    if ('key' in step) {
      if (!isPlainRecord(value) || !Object.hasOwn(value, step.key)) return undefined;
      value = value[step.key];
    } else {
      if (!Array.isArray(value)) return undefined;
      value = step.id === undefined ? value[step.index] : value.find((item) => identity(item) === step.id);
    }
    if (step.id !== undefined && identity(value) !== step.id) return undefined;
  }
  return value;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
