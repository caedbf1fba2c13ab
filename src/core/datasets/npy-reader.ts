import { DatasetError } from './dataset-error';
import { arrayBytes, type MemoryBudget } from './memory-budget';

/**
 * NumPy .npy parsing (format versions 1.0, 2.0, 3.0). The header is a Python dict literal; we accept only the three
 * documented keys and simple (non-structured) dtypes, and check that shape × item size equals the bytes present.
 * Arrays are decoded as their bytes stream in (`decodeNpy`), into one typed array sized from the header and reserved
 * in the memory budget first, so neither a lying header nor a decompression bomb makes us allocate more than that.
 */
export type NpyKind = 'u' | 'i' | 'f' | 'b';

export interface NpyHeader {
  /** The dtype as written, e.g. '<f4'. */
  descr: string;
  /** Element kind: unsigned, signed, float, bool. */
  kind: NpyKind;
  /** Bytes per element. */
  itemSize: number;
  littleEndian: boolean;
  shape: number[];
  fortranOrder: boolean;
  /** Where the element bytes start (magic, version, header length and header). */
  dataOffset: number;
  /** prod(shape). */
  elements: number;
  /** elements × itemSize. */
  dataBytes: number;
}

export interface NpyArray extends NpyHeader {
  /** The raw element bytes (exactly prod(shape) × itemSize). */
  data: Uint8Array;
}

const SUPPORTED: Record<NpyKind, number[]> = { u: [1, 2, 4, 8], i: [1, 2, 4, 8], f: [4, 8], b: [1] };
const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
/** Longest header accepted; numpy itself refuses headers over 10,000 bytes by default. */
const MAX_HEADER_BYTES = 65_536;

function failure(where: string, file: string) {
  return (why: string, publicWhy?: string): DatasetError =>
    new DatasetError(`${where}: ${why}`, file, publicWhy === undefined ? undefined : `${where}: ${publicWhy}`);
}

/** The header's three keys as written, and where the data starts; any dtype. */
interface HeaderFields {
  descr: string;
  fortranOrder: boolean;
  shape: number[];
  dataOffset: number;
}

/**
 * Reads the header at the start of `bytes`; null when `bytes` ends before the header does (give it more). `where`
 * names the file (and npz entry) in messages.
 */
export function readNpyHeader(bytes: Uint8Array, where: string, file: string): NpyHeader | null {
  const fail = failure(where, file);
  const fields = readHeaderFields(bytes, fail);
  if (fields == null) return null;
  const { descr, shape } = fields;
  const dtype = /^([<>|=])([uifb])(\d+)$/.exec(descr);
  if (!dtype || !SUPPORTED[dtype[2] as NpyKind].includes(Number(dtype[3]))) {
    throw fail(
      `unsupported dtype "${descr}" (supported: u1 u2 u4 u8 i1 i2 i4 i8 f4 f8 b1).`,
      'unsupported dtype (supported: u1 u2 u4 u8 i1 i2 i4 i8 f4 f8 b1).',
    );
  }
  const itemSize = Number(dtype[3]);
  const elements = shape.reduce((a, b) => a * b, 1);
  return {
    ...fields,
    kind: dtype[2] as NpyKind,
    itemSize,
    littleEndian: dtype[1] !== '>',
    elements,
    dataBytes: elements * itemSize,
  };
}

function readHeaderFields(bytes: Uint8Array, fail: ReturnType<typeof failure>): HeaderFields | null {
  if (bytes.length < 10) {
    if (MAGIC.some((b, i) => i < bytes.length && bytes[i] !== b))
      throw fail('not a NumPy .npy array (bad magic bytes).');
    return null;
  }
  if (MAGIC.some((b, i) => bytes[i] !== b)) throw fail('not a NumPy .npy array (bad magic bytes).');
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerStart: number;
  let headerLength: number;
  if (major === 1) {
    headerStart = 10;
    headerLength = view.getUint16(8, true);
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) return null;
    headerStart = 12;
    headerLength = view.getUint32(8, true);
  } else {
    throw fail(`unsupported .npy format version ${major}.${bytes[7]} (supported: 1.0, 2.0, 3.0).`);
  }
  if (headerLength > MAX_HEADER_BYTES)
    throw fail(`the .npy header is ${headerLength} bytes long, more than a header can be.`);
  if (headerStart + headerLength > bytes.length) return null;
  const headerBytes = bytes.subarray(headerStart, headerStart + headerLength);
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(headerBytes);
  const descr = /['"]descr['"]\s*:\s*['"]([^'"]*)['"]/.exec(header)?.[1];
  const fortran = /['"]fortran_order['"]\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw fail(
      `unreadable .npy header ${JSON.stringify(header.trim())} (structured arrays are not supported).`,
      'unreadable .npy header (structured arrays are not supported).',
    );
  }
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => Number(s.replace(/L$/, '')));
  if (shape.some((n) => !Number.isSafeInteger(n) || n < 0)) throw fail(`bad shape (${shapeText}) in .npy header.`);
  return { descr, fortranOrder: fortran === 'True', shape, dataOffset: headerStart + headerLength };
}

/** Fails unless the header's shape accounts for exactly the `present` bytes after it. */
function checkDataSize(header: NpyHeader, present: number, fail: ReturnType<typeof failure>): void {
  const expected = header.dataBytes;
  if (present !== expected) {
    throw fail(
      `header says shape (${header.shape.join(', ')}) of ${header.descr} = ${expected} bytes, but ${present} bytes follow (${present < expected ? 'truncated' : 'extra data'}).`,
    );
  }
}

/** Parses a whole .npy held in memory (tests and small files); `where` names the file (and npz entry) in messages. */
export function parseNpy(bytes: Uint8Array, where: string, file: string): NpyArray {
  const fail = failure(where, file);
  const header = readNpyHeader(bytes, where, file);
  if (header == null)
    throw fail(bytes.length < 10 ? 'not a NumPy .npy array (bad magic bytes).' : 'truncated .npy header.');
  checkDataSize(header, bytes.length - header.dataOffset, fail);
  return { ...header, data: bytes.subarray(header.dataOffset) };
}

/**
 * A one-dimensional array of text (NumPy's fixed-width `U` unicode or `S` bytes dtype, as `np.array(['cat',
 * 'dog'])` saves it), e.g. an npz's `class_names`. Object arrays (pickles) are refused: LayerLab never unpickles.
 */
export function parseNpyStrings(bytes: Uint8Array, where: string, file: string): string[] {
  const fail = failure(where, file);
  const header = readHeaderFields(bytes, fail);
  if (header == null) throw fail('truncated .npy header.');
  const dtype = /^([<>|=])([US])(\d+)$/.exec(header.descr);
  if (!dtype) {
    throw fail(
      `expected an array of text (dtype U or S), found "${header.descr}".`,
      'expected an array of text (dtype U or S).',
    );
  }
  if (header.shape.length !== 1) throw fail(`expected a list of names, found shape (${header.shape.join(', ')}).`);
  const unicode = dtype[2] === 'U';
  const chars = Number(dtype[3]);
  const itemSize = unicode ? chars * 4 : chars;
  const expected = header.shape[0] * itemSize;
  const present = bytes.length - header.dataOffset;
  if (present !== expected) {
    throw fail(
      `header says shape (${header.shape[0]},) of ${header.descr} = ${expected} bytes, but ${present} bytes follow (${present < expected ? 'truncated' : 'extra data'}).`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + header.dataOffset, present);
  const littleEndian = dtype[1] !== '>';
  const names: string[] = [];
  for (let i = 0; i < header.shape[0]; i++) {
    let name = '';
    for (let c = 0; c < chars; c++) {
      const code = unicode ? view.getUint32(i * itemSize + c * 4, littleEndian) : view.getUint8(i * itemSize + c);
      if (code === 0) break;
      if (code > 0x10ffff) throw fail(`array entry ${i} is not valid text.`);
      name += String.fromCodePoint(code);
    }
    names.push(name);
  }
  return names;
}

/** Element values as numbers, in C (row-major) order whatever the file's order. i8/u8 beyond 2^53 lose precision. */
export function npyToFloat64(array: NpyArray): Float64Array {
  const raw = new Float64Array(array.elements);
  decodeElements(array, array.data, raw, 0);
  return array.fortranOrder && array.shape.length > 1
    ? fortranToC(raw, array.shape, new Float64Array(raw.length))
    : raw;
}

type Values = Float32Array | Float64Array;

/**
 * Writes the elements in `bytes` (whole elements only) into `out` from index `at`, as numbers. Little-endian float
 * data of the output's own width is copied byte for byte; everything else goes through a DataView.
 */
function decodeElements(header: NpyHeader, bytes: Uint8Array, out: Values, at: number): void {
  const { kind, itemSize, littleEndian } = header;
  const n = Math.floor(bytes.length / itemSize);
  if (kind === 'f' && itemSize === out.BYTES_PER_ELEMENT && littleEndian && HOST_LITTLE_ENDIAN) {
    new Uint8Array(out.buffer, out.byteOffset + at * itemSize, n * itemSize).set(bytes.subarray(0, n * itemSize));
    return;
  }
  if (itemSize === 1) {
    if (kind === 'b') for (let k = 0; k < n; k++) out[at + k] = bytes[k] ? 1 : 0;
    else if (kind === 'u') for (let k = 0; k < n; k++) out[at + k] = bytes[k];
    else for (let k = 0; k < n; k++) out[at + k] = (bytes[k] << 24) >> 24;
    return;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const read = elementReader(kind, itemSize);
  for (let k = 0; k < n; k++) out[at + k] = read(view, k * itemSize, littleEndian);
}

const HOST_LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

function elementReader(kind: NpyKind, itemSize: number): (view: DataView, offset: number, little: boolean) => number {
  if (kind === 'f') return itemSize === 4 ? (v, o, le) => v.getFloat32(o, le) : (v, o, le) => v.getFloat64(o, le);
  if (itemSize === 2) return kind === 'u' ? (v, o, le) => v.getUint16(o, le) : (v, o, le) => v.getInt16(o, le);
  if (itemSize === 4) return kind === 'u' ? (v, o, le) => v.getUint32(o, le) : (v, o, le) => v.getInt32(o, le);
  return kind === 'u' ? (v, o, le) => Number(v.getBigUint64(o, le)) : (v, o, le) => Number(v.getBigInt64(o, le));
}

/** Fortran order stores the first axis fastest; reorder into `out` so the last axis is fastest. */
function fortranToC<T extends Values>(values: T, shape: number[], out: T): T {
  const rank = shape.length;
  const fStrides = new Array<number>(rank);
  let s = 1;
  for (let d = 0; d < rank; d++) {
    fStrides[d] = s;
    s *= shape[d];
  }
  const index = new Array<number>(rank).fill(0);
  for (let c = 0; c < values.length; c++) {
    let f = 0;
    for (let d = 0; d < rank; d++) f += index[d] * fStrides[d];
    out[c] = values[f];
    for (let d = rank - 1; d >= 0; d--) {
      if (++index[d] < shape[d]) break;
      index[d] = 0;
    }
  }
  return out;
}

export interface DecodeNpyOptions {
  /** Names the file (and npz entry) in messages, e.g. `data.npz, array "arr_0"`. */
  where: string;
  file: string;
  /** The bytes the source holds, header included (file size, or the zip entry's declared size). */
  totalBytes: number;
  budget: MemoryBudget;
  /** The array in memory-limit messages, e.g. `array "arr_0"`. */
  label?: string;
}

export interface DecodedNpy<T extends Values> {
  header: NpyHeader;
  /** The elements in C order. */
  values: T;
}

/**
 * Decodes a .npy arriving as byte chunks (a file or an inflating zip entry) into a Float32Array or Float64Array. The
 * header must account for exactly `totalBytes`, and the output is reserved in `budget`, before anything big is
 * allocated; the chunks are then converted as they come, and a source yielding more bytes than the header promised is
 * abandoned at once, so a bomb inflates no further than its header said.
 */
export async function decodeNpy(
  chunks: AsyncIterable<Uint8Array>,
  target: 'float32',
  options: DecodeNpyOptions,
): Promise<DecodedNpy<Float32Array>>;
export async function decodeNpy(
  chunks: AsyncIterable<Uint8Array>,
  target: 'float64',
  options: DecodeNpyOptions,
): Promise<DecodedNpy<Float64Array>>;
export async function decodeNpy(
  chunks: AsyncIterable<Uint8Array>,
  target: 'float32' | 'float64',
  options: DecodeNpyOptions,
): Promise<DecodedNpy<Values>> {
  const { where, file, totalBytes, budget } = options;
  const fail = failure(where, file);
  const bytesPer = target === 'float32' ? 4 : 8;
  const make = (count: number): Values => (target === 'float32' ? new Float32Array(count) : new Float64Array(count));
  let prefix: Uint8Array = new Uint8Array(0);
  let header: NpyHeader | null = null;
  let out: Values | null = null;
  let reserved = 0;
  let decoded = 0; // elements written
  let carry: Uint8Array = new Uint8Array(0); // bytes of an element split across chunks
  let seen = 0; // data bytes received
  try {
    for await (const chunk of chunks) {
      let data = chunk;
      if (header == null) {
        prefix = concat(prefix, chunk);
        header = readNpyHeader(prefix, where, file);
        if (header == null) {
          if (prefix.length > MAX_HEADER_BYTES + 12) throw fail('truncated .npy header.');
          continue;
        }
        checkDataSize(header, totalBytes - header.dataOffset, fail);
        const copies = header.fortranOrder && header.shape.length > 1 ? 2 : 1;
        const bytes = arrayBytes(header.elements, bytesPer * copies);
        budget.reserve(bytes, describeArray(options.label ?? 'the array', header, target), file);
        reserved = bytes;
        out = make(header.elements);
        data = prefix.subarray(header.dataOffset);
        prefix = new Uint8Array(0);
      }
      seen += data.length;
      if (seen > header.dataBytes) throw fail(`holds more data than its header says (${header.dataBytes} bytes).`);
      if (carry.length > 0) data = concat(carry, data);
      const whole = data.length - (data.length % header.itemSize);
      decodeElements(header, data.subarray(0, whole), out!, decoded);
      decoded += whole / header.itemSize;
      carry = data.slice(whole);
    }
    if (header == null)
      throw fail(prefix.length < 10 ? 'not a NumPy .npy array (bad magic bytes).' : 'truncated .npy header.');
    if (seen < header.dataBytes) checkDataSize(header, seen, fail);
    let values = out!;
    if (header.fortranOrder && header.shape.length > 1) {
      values = fortranToC(values, header.shape, make(values.length));
      budget.release(reserved / 2);
    }
    return { header, values };
  } catch (error) {
    budget.release(reserved);
    throw error;
  }
}

/** An array in a memory-limit message: `array "arr_0", shape (60000, 28, 28) as float32 (47,040,000 values),`. */
function describeArray(label: string, header: NpyHeader, target: 'float32' | 'float64'): string {
  return `${label}, shape (${header.shape.join(', ')}) as ${target} (${header.elements.toLocaleString('en-US')} values),`;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
