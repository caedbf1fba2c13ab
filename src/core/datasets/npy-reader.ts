import { DatasetError } from './dataset-error';

/**
 * NumPy .npy parsing (format versions 1.0, 2.0, 3.0). The header is a Python dict literal; we accept only the three
 * documented keys and simple (non-structured) dtypes, and check that shape × item size equals the bytes present.
 */
export type NpyKind = 'u' | 'i' | 'f' | 'b';

export interface NpyArray {
  /** Element kind: unsigned, signed, float, bool. */
  kind: NpyKind;
  /** Bytes per element. */
  itemSize: number;
  littleEndian: boolean;
  shape: number[];
  fortranOrder: boolean;
  /** The raw element bytes (exactly prod(shape) × itemSize). */
  data: Uint8Array;
}

const SUPPORTED: Record<NpyKind, number[]> = { u: [1, 2, 4, 8], i: [1, 2, 4, 8], f: [4, 8], b: [1] };

/** The header of a .npy array: its dtype text, order, shape, and where the data starts. */
interface NpyHeader {
  descr: string;
  fortranOrder: boolean;
  shape: number[];
  dataStart: number;
}

/** Builds the error for a problem; `publicWhy` is the same without text quoted from the file (see DatasetError). */
type Fail = (why: string, publicWhy?: string) => DatasetError;

/** `where` names the file (and npz entry) in messages. */
function failIn(where: string, file: string): Fail {
  return (why, publicWhy) =>
    new DatasetError(`${where}: ${why}`, file, publicWhy === undefined ? undefined : `${where}: ${publicWhy}`);
}

function readNpyHeader(bytes: Uint8Array, fail: Fail): NpyHeader {
  const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
  if (bytes.length < 10 || magic.some((b, i) => bytes[i] !== b))
    throw fail('not a NumPy .npy array (bad magic bytes).');
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerStart: number;
  let headerLength: number;
  if (major === 1) {
    headerStart = 10;
    headerLength = view.getUint16(8, true);
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) throw fail('truncated .npy header.');
    headerStart = 12;
    headerLength = view.getUint32(8, true);
  } else {
    throw fail(`unsupported .npy format version ${major}.${bytes[7]} (supported: 1.0, 2.0, 3.0).`);
  }
  if (headerStart + headerLength > bytes.length) throw fail('truncated .npy header.');
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
  if (shape.some((n) => !Number.isInteger(n) || n < 0)) throw fail(`bad shape (${shapeText}) in .npy header.`);
  return { descr, fortranOrder: fortran === 'True', shape, dataStart: headerStart + headerLength };
}

function checkLength(bytes: Uint8Array, header: NpyHeader, itemSize: number, fail: Fail) {
  const expected = header.shape.reduce((a, b) => a * b, 1) * itemSize;
  const present = bytes.length - header.dataStart;
  if (present !== expected) {
    throw fail(
      `header says shape (${header.shape.join(', ')}) of ${header.descr} = ${expected} bytes, but ${present} bytes follow (${present < expected ? 'truncated' : 'extra data'}).`,
    );
  }
}

/** `where` names the file (and npz entry) in messages. */
export function parseNpy(bytes: Uint8Array, where: string, file: string): NpyArray {
  const fail = failIn(where, file);
  const header = readNpyHeader(bytes, fail);
  const { descr } = header;
  const dtype = /^([<>|=])([uifb])(\d+)$/.exec(descr);
  if (!dtype || !SUPPORTED[dtype[2] as NpyKind].includes(Number(dtype[3]))) {
    throw fail(
      `unsupported dtype "${descr}" (supported: u1 u2 u4 u8 i1 i2 i4 i8 f4 f8 b1).`,
      'unsupported dtype (supported: u1 u2 u4 u8 i1 i2 i4 i8 f4 f8 b1).',
    );
  }
  const kind = dtype[2] as NpyKind;
  const itemSize = Number(dtype[3]);
  checkLength(bytes, header, itemSize, fail);
  return {
    kind,
    itemSize,
    littleEndian: dtype[1] !== '>',
    shape: header.shape,
    fortranOrder: header.fortranOrder,
    data: bytes.subarray(header.dataStart),
  };
}

/**
 * A one-dimensional array of text (NumPy's fixed-width `U` unicode or `S` bytes dtype, as `np.array(['cat',
 * 'dog'])` saves it), e.g. an npz's `class_names`. Object arrays (pickles) are refused: LayerLab never unpickles.
 */
export function parseNpyStrings(bytes: Uint8Array, where: string, file: string): string[] {
  const fail = failIn(where, file);
  const header = readNpyHeader(bytes, fail);
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
  checkLength(bytes, header, itemSize, fail);
  const view = new DataView(bytes.buffer, bytes.byteOffset + header.dataStart, bytes.length - header.dataStart);
  const littleEndian = dtype[1] !== '>';
  const names: string[] = [];
  for (let i = 0; i < header.shape[0]; i++) {
    const codes: number[] = [];
    for (let c = 0; c < chars; c++) {
      const code = unicode ? view.getUint32(i * itemSize + c * 4, littleEndian) : view.getUint8(i * itemSize + c);
      if (code === 0) break;
      codes.push(code);
    }
    names.push(String.fromCodePoint(...codes));
  }
  return names;
}

/** Element values as numbers, in C (row-major) order whatever the file's order. i8/u8 beyond 2^53 lose precision. */
export function npyToFloat64(array: NpyArray): Float64Array {
  const { kind, itemSize, littleEndian, data } = array;
  const n = data.length / itemSize;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const raw = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const o = k * itemSize;
    let v: number;
    if (kind === 'f') v = itemSize === 4 ? view.getFloat32(o, littleEndian) : view.getFloat64(o, littleEndian);
    else if (kind === 'b') v = data[o] ? 1 : 0;
    else if (itemSize === 1) v = kind === 'u' ? view.getUint8(o) : view.getInt8(o);
    else if (itemSize === 2) v = kind === 'u' ? view.getUint16(o, littleEndian) : view.getInt16(o, littleEndian);
    else if (itemSize === 4) v = kind === 'u' ? view.getUint32(o, littleEndian) : view.getInt32(o, littleEndian);
    else v = Number(kind === 'u' ? view.getBigUint64(o, littleEndian) : view.getBigInt64(o, littleEndian));
    raw[k] = v;
  }
  return array.fortranOrder && array.shape.length > 1 ? fortranToC(raw, array.shape) : raw;
}

/** Fortran order stores the first axis fastest; reorder so the last axis is fastest. */
function fortranToC(values: Float64Array, shape: number[]): Float64Array {
  const out = new Float64Array(values.length);
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
