import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { DatasetRef } from '../../shared/training/dataset';
import { DatasetError } from './dataset-error';
import { buildImportedDataset, MAX_CLASSES } from './imported-dataset';
import type { LoadedDataset } from './loaded-dataset';

type FileRef = Extract<DatasetRef, { kind: 'file' }>;

/** How many bad line numbers a rejection lists. */
const LISTED_BAD_ROWS = 5;

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A first line naming the classes, in class order (the label values sorted, see importCsv):
 * `# class_names: cat, dog, bird`. The rows start on the next line.
 */
const CLASS_NAMES_LINE = /^\uFEFF?\s*#\s*class[_ ]names\s*[:=]\s*(.*?)\s*$/i;

function isNumeric(text: string): boolean {
  return NUMBER.test(text.trim());
}

function option<T extends string>(ref: FileRef, key: string, allowed: readonly T[], fallback: T): T {
  const value = ref.options?.[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new DatasetError(
      `${ref.path}: option ${key} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}.`,
      ref.path,
    );
  }
  return value as T;
}

/**
 * CSV/TSV with one sample per row. The header row is detected (a column whose first cell is text and second a number)
 * or forced with options.header. Labels: column `y` (name or 0-based index; default the last). Features: columns `x`
 * (comma-separated names/indices; default all others), numeric. Class names are the label texts, sorted numerically when
 * all are numbers, else in code-point order, so the same file always gives the same class indices.
 * Options: onBadRow 'reject' (default) | 'skip'; scale 'none' (default) | 'standardize' | 'minmax'; header true|false.
 * A first line `# class_names: a, b, c` names the classes in that order.
 */
export async function importCsv(ref: FileRef): Promise<LoadedDataset> {
  const file = ref.path;
  const onBadRow = option(ref, 'onBadRow', ['reject', 'skip'] as const, 'reject');
  const scale = option(ref, 'scale', ['none', 'standardize', 'minmax'] as const, 'none');
  const text = await readFile(file, 'utf8');
  const lineEnd = text.indexOf('\n');
  const firstLine = CLASS_NAMES_LINE.exec(lineEnd === -1 ? text : text.slice(0, lineEnd));
  const givenNames = firstLine?.[1]
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      from_line: firstLine ? 2 : 1,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
      delimiter: file.toLowerCase().endsWith('.tsv') ? '\t' : ',',
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    // csv-parse quotes the offending text in its message; the public message gives only its code.
    const e = error as Error & { lines?: number; code?: string };
    const where = `${file}${e.lines ? `, line ${e.lines}` : ''}`;
    throw new DatasetError(
      `${where}: not valid CSV (${e.message}).`,
      file,
      `${where}: not valid CSV${e.code ? ` (${e.code})` : ''}.`,
    );
  }
  if (records.length === 0) throw new DatasetError(`${file}: the file has no rows.`, file);

  const first = records[0].record;
  const forced = ref.options?.header;
  const hasHeader =
    typeof forced === 'boolean'
      ? forced
      : records.length > 1 && first.some((cell, j) => !isNumeric(cell) && isNumeric(records[1].record[j] ?? ''));
  const columns = first.length;
  const names = hasHeader ? first : first.map((_, j) => `column ${j + 1}`);
  /** A column as messages name it: by header text (quoted from the file) and, for the public message, by number. */
  const column = (j: number) => ({ full: `"${names[j]}"`, public: `${j + 1}` });
  const columnIndex = (spec: string, role: string): number => {
    const byName = names.indexOf(spec);
    if (byName >= 0) return byName;
    if (/^\d+$/.test(spec) && Number(spec) < columns) return Number(spec);
    throw new DatasetError(
      `${file}: no ${role} column "${spec}" (columns: ${names.join(', ')}).`,
      file,
      `${file}: no ${role} column "${spec}" (the file has ${columns} columns: name one from its header row or give its number, 0 to ${columns - 1}).`,
    );
  };
  if (columns < 2 && !ref.x)
    throw new DatasetError(`${file}: needs at least one feature column and a label column.`, file);
  const labelColumn = ref.y ? columnIndex(ref.y, 'label') : columns - 1;
  const featureColumns = ref.x
    ? ref.x.split(',').map((s) => columnIndex(s.trim(), 'feature'))
    : names.map((_, j) => j).filter((j) => j !== labelColumn);
  if (featureColumns.includes(labelColumn))
    throw new DatasetError(
      `${file}: column ${column(labelColumn).full} can't be both a feature and the label.`,
      file,
      `${file}: column ${column(labelColumn).public} can't be both a feature and the label.`,
    );

  const rows = hasHeader ? records.slice(1) : records;
  const values: number[] = [];
  const labelTexts: string[] = [];
  const bad: { line: number; why: string; publicWhy: string }[] = [];
  for (const { record, info } of rows) {
    const line = info.lines;
    if (record.length !== columns) {
      const why = `${record.length} fields, expected ${columns}`;
      bad.push({ line, why, publicWhy: why });
      continue;
    }
    const label = record[labelColumn];
    if (label === '') {
      bad.push({ line, why: 'missing label', publicWhy: 'missing label' });
      continue;
    }
    const rowValues: number[] = [];
    let problem: { why: string; publicWhy: string } | null = null;
    for (const j of featureColumns) {
      const cell = record[j];
      if (cell === '')
        problem = {
          why: `missing value in ${column(j).full}`,
          publicWhy: `missing value in column ${column(j).public}`,
        };
      else if (!isNumeric(cell))
        problem = {
          why: `non-numeric value ${JSON.stringify(cell)} in ${column(j).full}`,
          publicWhy: `non-numeric value in column ${column(j).public}`,
        };
      if (problem) break;
      rowValues.push(Number(cell));
    }
    if (problem) {
      bad.push({ line, ...problem });
      continue;
    }
    values.push(...rowValues);
    labelTexts.push(label);
  }
  if (bad.length > 0 && onBadRow === 'reject') {
    const lines = bad.slice(0, LISTED_BAD_ROWS).map((b) => b.line);
    const more = bad.length > LISTED_BAD_ROWS ? ` and ${bad.length - LISTED_BAD_ROWS} more` : '';
    const summary = `${file}: ${bad.length} bad row${bad.length > 1 ? 's' : ''} at line${lines.length > 1 ? 's' : ''} ${lines.join(', ')}${more}`;
    throw new DatasetError(
      `${summary} (line ${bad[0].line}: ${bad[0].why}). Fix them or import with onBadRow: skip.`,
      file,
      `${summary} (line ${bad[0].line}: ${bad[0].publicWhy}). Fix them or import with onBadRow: skip.`,
    );
  }
  const count = labelTexts.length;
  if (count === 0) throw new DatasetError(`${file}: no usable rows.`, file);

  const distinct = [...new Set(labelTexts)];
  const allNumeric = distinct.every(isNumeric);
  distinct.sort(allNumeric ? (a, b) => Number(a) - Number(b) : (a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (distinct.length > MAX_CLASSES) {
    const tooMany = (name: string) =>
      `${file}: column ${name} has ${distinct.length} different labels (at most ${MAX_CLASSES}); is it the label column?`;
    throw new DatasetError(tooMany(column(labelColumn).full), file, tooMany(column(labelColumn).public));
  }
  if (givenNames && givenNames.length !== distinct.length) {
    throw new DatasetError(
      `${file}: the class_names line names ${givenNames.length} classes, but column "${names[labelColumn]}" has ${distinct.length} different labels (${distinct.join(', ')}).`,
      file,
    );
  }
  const classOf = new Map(distinct.map((name, i) => [name, i]));
  const labels = Int32Array.from(labelTexts, (t) => classOf.get(t)!);

  const width = featureColumns.length;
  const x = Float32Array.from(values);
  for (let j = 0; j < width; j++) {
    if (scale === 'none') break;
    let a = 0;
    let b = 1;
    if (scale === 'standardize') {
      let mean = 0;
      for (let i = 0; i < count; i++) mean += x[i * width + j];
      mean /= count;
      let variance = 0;
      for (let i = 0; i < count; i++) variance += (x[i * width + j] - mean) ** 2;
      const std = Math.sqrt(variance / count);
      a = mean;
      b = std > 0 ? std : 1; // a constant column stays 0 rather than NaN
    } else {
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = 0; i < count; i++) {
        lo = Math.min(lo, x[i * width + j]);
        hi = Math.max(hi, x[i * width + j]);
      }
      a = lo;
      b = hi > lo ? hi - lo : 1;
    }
    for (let i = 0; i < count; i++) x[i * width + j] = (x[i * width + j] - a) / b;
  }
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) {
      throw new DatasetError(
        `${file}: value out of float range in row ${Math.floor(i / width) + 1} of the data.`,
        file,
      );
    }
  }
  const skipped = bad.length > 0 ? `; skipped ${bad.length} bad rows (first at line ${bad[0].line})` : '';
  return buildImportedDataset({
    file,
    inputShape: [width],
    classNames: givenNames ?? distinct,
    train: { x, labels, count },
    description: `Imported from ${basename(file)} (${count} rows, label column "${names[labelColumn]}", scale ${scale}${skipped})`,
  });
}
