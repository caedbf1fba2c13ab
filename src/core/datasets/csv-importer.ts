import { basename } from 'node:path';
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import type { DatasetRef } from '../../shared/training/dataset';
import { DatasetError } from './dataset-error';
import { fileChunks, openDataFile, readExactly } from './file-guard';
import { buildImportedDataset, MAX_CLASSES } from './imported-dataset';
import type { LoadedDataset } from './loaded-dataset';
import { arrayBytes, type MemoryBudget } from './memory-budget';

type FileRef = Extract<DatasetRef, { kind: 'file' }>;

/** How many bad line numbers a rejection lists. */
const LISTED_BAD_ROWS = 5;
/** How many column names a message lists. */
const LISTED_COLUMNS = 10;
/** Longest row in characters: a 150,528-column image row is about 1 M; a row of 64 M is surely not data. */
const MAX_ROW_CHARS = 64 * 1024 * 1024;
/** Values per block while the rows stream in (4 MiB); the blocks are joined once the row count is known. */
const BLOCK_VALUES = 1 << 20;

/**
 * A first line naming the classes, in class order (the label values sorted, see importCsv):
 * `# class_names: cat, dog, bird`. The rows start on the next line.
 */
const CLASS_NAMES_LINE = /^\uFEFF?\s*#\s*class[_ ]names\s*[:=]\s*(.*?)\s*$/i;
/** How far into the file a class_names line is looked for. */
const CLASS_NAMES_LINE_BYTES = 64 * 1024;

/** The first few of many texts, for a message. */
function listed(texts: string[]): string {
  return `${texts.slice(0, LISTED_COLUMNS).join(', ')}${texts.length > LISTED_COLUMNS ? ', …' : ''}`;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

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
 * Numbers arriving one at a time, kept in fixed-size blocks reserved in the memory budget as they fill, then joined
 * into one array (which is reserved too: the join briefly holds both).
 */
class GrowingArray<T extends Float32Array | Int32Array> {
  private readonly blocks: T[] = [];
  private filled = BLOCK_VALUES;
  length = 0;

  constructor(
    private readonly make: (length: number) => T,
    private readonly budget: MemoryBudget,
    private readonly what: () => string,
    private readonly file: string,
  ) {}

  push(value: number): void {
    if (this.filled === BLOCK_VALUES) {
      this.budget.reserve(arrayBytes(BLOCK_VALUES, 4), this.what(), this.file);
      this.blocks.push(this.make(BLOCK_VALUES));
      this.filled = 0;
    }
    this.blocks[this.blocks.length - 1][this.filled++] = value;
    this.length++;
  }

  /** The values in one array; the blocks are released. */
  join(): T {
    this.budget.reserve(arrayBytes(this.length, 4), this.what(), this.file);
    const out = this.make(this.length);
    let at = 0;
    for (const [i, block] of this.blocks.entries()) {
      const count = i === this.blocks.length - 1 ? this.filled : BLOCK_VALUES;
      out.set(block.subarray(0, count), at);
      at += count;
    }
    this.budget.release(arrayBytes(this.blocks.length * BLOCK_VALUES, 4));
    this.blocks.length = 0;
    return out;
  }
}

/**
 * Calls `onRow` with each row's cells (trimmed) and the line it ends on, as the file streams in: the text is never
 * held whole, nor any row but the current one. Papa Parse does the CSV (quotes, delimiters, line endings); the lines
 * are counted here from the text it consumed. An error thrown by `onRow` stops the parse and rejects.
 */
function streamRows(
  file: string,
  handle: Parameters<typeof fileChunks>[0],
  size: number,
  /** Where the rows start: after a class_names line, `{byte: its length, line: 1}`. */
  skip: { byte: number; line: number },
  onRow: (cells: string[], line: number) => void,
): Promise<void> {
  const text = new LineCounter(skip.line);
  const chunks = fileChunks(handle, file, skip.byte, size - skip.byte);
  const input = Readable.from(decodedText(chunks, text), { objectMode: true });
  return new Promise((resolve, reject) => {
    let failure: unknown = null;
    Papa.parse<string[]>(input as unknown as Papa.LocalFile, {
      delimiter: file.toLowerCase().endsWith('.tsv') ? '\t' : ',',
      skipEmptyLines: 'greedy',
      step(results, parser) {
        if (failure) return;
        try {
          const line = text.lineBefore(results.meta.cursor - 1);
          const error = results.errors[0];
          if (error) {
            const where = `${file}, line ${line}`;
            throw new DatasetError(
              `${where}: not valid CSV (${error.message}).`,
              file,
              `${where}: not valid CSV (${error.code}).`,
            );
          }
          const cells = results.data;
          if (cells.join('').length > MAX_ROW_CHARS)
            throw new DatasetError(
              `${file}, line ${line}: a row of more than ${MAX_ROW_CHARS} characters is not data.`,
              file,
            );
          for (let j = 0; j < cells.length; j++) cells[j] = cells[j].trim();
          onRow(cells, line);
        } catch (error) {
          failure = error;
          parser.abort();
        }
      },
      complete: () => {
        input.destroy();
        if (failure) reject(failure);
        else resolve();
      },
      error: (error: unknown) => {
        input.destroy();
        reject(failure ?? error);
      },
    });
  });
}

/** The file's text, decoded across chunk boundaries, without a byte-order mark, also handed to `counter`. */
async function* decodedText(chunks: AsyncIterable<Uint8Array>, counter: LineCounter): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let first = true;
  for await (const chunk of chunks) {
    let piece = decoder.decode(chunk, { stream: true });
    if (first && piece.charCodeAt(0) === 0xfeff) piece = piece.slice(1);
    first = false;
    counter.append(piece);
    if (piece.length > 0) yield piece;
  }
  const rest = decoder.decode();
  counter.append(rest);
  if (rest.length > 0) yield rest;
}

/**
 * Line numbers from character positions in a text that arrives in pieces and is asked about in increasing
 * positions: each character is looked at once, and pieces are dropped once passed.
 */
class LineCounter {
  private readonly pieces: string[] = [];
  /** Absolute position of the first character of pieces[0]. */
  private base = 0;
  /** Characters of pieces[0] already counted. */
  private offset = 0;
  constructor(private newlines = 0) {}

  append(piece: string): void {
    if (piece.length > 0) this.pieces.push(piece);
  }

  /** 1-based line of the character at `position` (or of the text's end). */
  lineBefore(position: number): number {
    while (this.pieces.length > 0 && this.base + this.offset < position) {
      const piece = this.pieces[0];
      const stop = Math.min(piece.length, position - this.base);
      for (let i = this.offset; i < stop; i++) if (piece.charCodeAt(i) === 10) this.newlines++;
      if (stop === piece.length) {
        this.pieces.shift();
        this.base += piece.length;
        this.offset = 0;
      } else this.offset = stop;
    }
    return this.newlines + 1;
  }
}

/**
 * CSV/TSV with one sample per row. The header row is detected (a column whose first cell is text and second a number)
 * or forced with options.header. Labels: column `y` (name or 0-based index; default the last). Features: columns `x`
 * (comma-separated names/indices; default all others), numeric. Class names are the label texts, sorted numerically when
 * all are numbers, else in code-point order, so the same file always gives the same class indices.
 * Options: onBadRow 'reject' (default) | 'skip'; scale 'none' (default) | 'standardize' | 'minmax'; header true|false.
 * The file is parsed as it streams in, each row's numbers stored as float32 within the memory budget.
 */
export async function importCsv(ref: FileRef, budget: MemoryBudget): Promise<LoadedDataset> {
  const file = ref.path;
  const options = {
    onBadRow: option(ref, 'onBadRow', ['reject', 'skip'] as const, 'reject'),
    scale: option(ref, 'scale', ['none', 'standardize', 'minmax'] as const, 'none'),
  };
  const { handle, size } = await openDataFile(file);
  // The first two rows decide whether there is a header; the rows after go straight into the table.
  const firstRows: Row[] = [];
  let table: TableReader | null = null;
  let givenNames: string[] | undefined;
  try {
    const named = await classNamesLine(handle, file, size);
    givenNames = named?.names;
    const skip = named ? { byte: named.bytes, line: 1 } : { byte: 0, line: 0 };
    await streamRows(file, handle, size, skip, (cells, line) => {
      if (table) return table.take({ cells, line });
      firstRows.push({ cells, line });
      if (firstRows.length === 2) table = new TableReader(ref, firstRows, budget);
    });
  } finally {
    await handle.close();
  }
  table ??= new TableReader(ref, firstRows, budget);
  return table.finish(options, givenNames);
}

/**
 * The names a first line `# class_names: cat, dog, bird` gives (in class order: the label values sorted, as
 * importCsv numbers them) and the bytes of that line with its newline; null when the file has no such line.
 */
async function classNamesLine(
  handle: Parameters<typeof fileChunks>[0],
  file: string,
  size: number,
): Promise<{ names: string[]; bytes: number } | null> {
  const head = await readExactly(handle, file, 0, Math.min(size, CLASS_NAMES_LINE_BYTES));
  const newline = head.indexOf(10);
  const line = new TextDecoder('utf-8').decode(newline === -1 ? head : head.subarray(0, newline));
  const match = CLASS_NAMES_LINE.exec(line);
  if (!match) return null;
  const names = match[1]
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  return { names, bytes: newline === -1 ? head.length : newline + 1 };
}

interface Row {
  cells: string[];
  /** The line of the file the row ends on, 1-based. */
  line: number;
}

/** The table being read: its columns (decided from the first rows), the values and labels so far, the bad rows. */
class TableReader {
  private readonly file: string;
  private readonly columns: number;
  private readonly labelColumn: number;
  private readonly featureColumns: number[];
  /** A column as messages name it: by header text (quoted from the file) and, for the public message, by number. */
  private readonly column: (j: number) => { full: string; public: string };
  private readonly values: GrowingArray<Float32Array>;
  private readonly labelIds: GrowingArray<Int32Array>;
  /** Label text → id in order of first appearance; renumbered in sorted order at the end. */
  private readonly labelIdOf = new Map<string, number>();
  private readonly bad: { line: number; why: string; publicWhy: string }[] = [];
  private badCount = 0;
  private rowsRead = 0;

  constructor(ref: FileRef, firstRows: Row[], budget: MemoryBudget) {
    const file = (this.file = ref.path);
    if (firstRows.length === 0) throw new DatasetError(`${file}: the file has no rows.`, file);
    const [first, second] = firstRows.map((row) => row.cells);
    const forced = ref.options?.header;
    const hasHeader =
      typeof forced === 'boolean'
        ? forced
        : second !== undefined && first.some((cell, j) => !isNumeric(cell) && isNumeric(second[j] ?? ''));
    const columns = (this.columns = first.length);
    const names = hasHeader ? first : first.map((_, j) => `column ${j + 1}`);
    const listed = `${names.slice(0, LISTED_COLUMNS).join(', ')}${columns > LISTED_COLUMNS ? `, … (${columns} in all)` : ''}`;
    const column = (this.column = (j: number) => ({ full: `"${names[j]}"`, public: `${j + 1}` }));
    const byName = new Map<string, number>();
    names.forEach((name, j) => {
      if (!byName.has(name)) byName.set(name, j);
    });
    const columnIndex = (spec: string, role: string): number => {
      const named = byName.get(spec);
      if (named !== undefined) return named;
      if (/^\d+$/.test(spec) && Number(spec) < columns) return Number(spec);
      throw new DatasetError(
        `${file}: no ${role} column "${spec}" (columns: ${listed}).`,
        file,
        `${file}: no ${role} column "${spec}" (the file has ${columns} columns: name one from its header row or give its number, 0 to ${columns - 1}).`,
      );
    };
    if (columns < 2 && !ref.x)
      throw new DatasetError(`${file}: needs at least one feature column and a label column.`, file);
    const labelColumn = (this.labelColumn = ref.y ? columnIndex(ref.y, 'label') : columns - 1);
    this.featureColumns = ref.x
      ? ref.x.split(',').map((s) => columnIndex(s.trim(), 'feature'))
      : names.map((_, j) => j).filter((j) => j !== labelColumn);
    if (this.featureColumns.includes(labelColumn))
      throw new DatasetError(
        `${file}: column ${column(labelColumn).full} can't be both a feature and the label.`,
        file,
        `${file}: column ${column(labelColumn).public} can't be both a feature and the label.`,
      );
    const what = () =>
      `the ${this.rowsRead.toLocaleString('en-US')} rows read so far (${this.featureColumns.length.toLocaleString('en-US')} float32 values and a label each)`;
    this.values = new GrowingArray((n) => new Float32Array(n), budget, what, file);
    this.labelIds = new GrowingArray((n) => new Int32Array(n), budget, what, file);
    for (const row of hasHeader ? firstRows.slice(1) : firstRows) this.take(row);
  }

  private reject(line: number, why: string, publicWhy = why): void {
    this.badCount++;
    if (this.bad.length < LISTED_BAD_ROWS) this.bad.push({ line, why, publicWhy });
  }

  take({ cells, line }: Row): void {
    const { column, file } = this;
    this.rowsRead++;
    if (cells.length !== this.columns) return this.reject(line, `${cells.length} fields, expected ${this.columns}`);
    const label = cells[this.labelColumn];
    if (label === '') return this.reject(line, 'missing label');
    // Checked before any value is stored, so a bad row leaves nothing behind.
    for (const j of this.featureColumns) {
      const cell = cells[j];
      if (cell === '')
        return this.reject(line, `missing value in ${column(j).full}`, `missing value in column ${column(j).public}`);
      if (!isNumeric(cell))
        return this.reject(
          line,
          `non-numeric value ${JSON.stringify(cell.slice(0, 40))} in ${column(j).full}`,
          `non-numeric value in column ${column(j).public}`,
        );
    }
    let id = this.labelIdOf.get(label);
    if (id === undefined) {
      id = this.labelIdOf.size;
      if (id >= MAX_CLASSES) {
        const tooMany = (name: string) =>
          `${file}: column ${name} has more than ${MAX_CLASSES} different labels; is it the label column?`;
        throw new DatasetError(tooMany(column(this.labelColumn).full), file, tooMany(column(this.labelColumn).public));
      }
      this.labelIdOf.set(label, id);
    }
    for (const j of this.featureColumns) this.values.push(Number(cells[j]));
    this.labelIds.push(id);
  }

  finish(
    options: { onBadRow: 'reject' | 'skip'; scale: 'none' | 'standardize' | 'minmax' },
    givenNames?: string[],
  ): LoadedDataset {
    const { file, bad, badCount, column, labelColumn } = this;
    const width = this.featureColumns.length;
    if (badCount > 0 && options.onBadRow === 'reject') {
      const lines = bad.map((b) => b.line);
      const more = badCount > LISTED_BAD_ROWS ? ` and ${badCount - LISTED_BAD_ROWS} more` : '';
      const summary = `${file}: ${badCount} bad row${badCount > 1 ? 's' : ''} at line${lines.length > 1 ? 's' : ''} ${lines.join(', ')}${more}`;
      throw new DatasetError(
        `${summary} (line ${bad[0].line}: ${bad[0].why}). Fix them or import with onBadRow: skip.`,
        file,
        `${summary} (line ${bad[0].line}: ${bad[0].publicWhy}). Fix them or import with onBadRow: skip.`,
      );
    }
    const count = this.labelIds.length;
    if (count === 0) throw new DatasetError(`${file}: no usable rows.`, file);

    const distinct = [...this.labelIdOf.keys()];
    const allNumeric = distinct.every(isNumeric);
    distinct.sort(allNumeric ? (a, b) => Number(a) - Number(b) : (a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (givenNames && givenNames.length !== distinct.length) {
      throw new DatasetError(
        `${file}: the class_names line names ${givenNames.length} classes, but column ${column(labelColumn).full} has ${distinct.length} different labels (${listed(distinct)}).`,
        file,
        `${file}: the class_names line names ${givenNames.length} classes, but column ${column(labelColumn).public} has ${distinct.length} different labels.`,
      );
    }
    const sortedIndex = new Map(distinct.map((name, i) => [name, i]));
    const renumber = Int32Array.from(this.labelIdOf.keys(), (name) => sortedIndex.get(name)!);
    const labels = this.labelIds.join();
    for (let i = 0; i < count; i++) labels[i] = renumber[labels[i]];
    const x = this.values.join();

    scaleColumns(x, count, width, options.scale);
    for (let i = 0; i < x.length; i++) {
      if (!Number.isFinite(x[i])) {
        throw new DatasetError(
          `${file}: value out of float range in row ${Math.floor(i / width) + 1} of the data.`,
          file,
        );
      }
    }
    const skipped = badCount > 0 ? `; skipped ${badCount} bad rows (first at line ${bad[0].line})` : '';
    return buildImportedDataset({
      file,
      inputShape: [width],
      classNames: givenNames ?? distinct,
      train: { x, labels, count },
      description: `Imported from ${basename(file)} (${count} rows, label column ${column(labelColumn).full}, scale ${options.scale}${skipped})`,
    });
  }
}

/** Standardizes (mean 0, std 1) or min-max scales each column in place; a constant column stays 0 rather than NaN. */
function scaleColumns(x: Float32Array, count: number, width: number, scale: 'none' | 'standardize' | 'minmax'): void {
  if (scale === 'none') return;
  for (let j = 0; j < width; j++) {
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
      b = std > 0 ? std : 1;
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
}
