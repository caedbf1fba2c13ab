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

/** `where` names the file (and npz entry) in messages. */
export function parseNpy(bytes: Uint8Array, where: string, file: string): NpyArray {
  const fail = (why: string, publicWhy?: string): DatasetError =>
    new DatasetError(`${where}: ${why}`, file, publicWhy === undefined ? undefined : `${where}: ${publicWhy}`);
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
  const dtype = /^([<>|=])([uifb])(\d+)$/.exec(descr);
  if (!dtype || !SUPPORTED[dtype[2] as NpyKind].includes(Number(dtype[3]))) {
    throw fail(
      `unsupported dtype "${descr}" (supported: u1 u2 u4 u8 i1 i2 i4 i8 f4 f8 b1).`,
      'unsupported dtype (supported: u1 u2 u4 u8 i1 i2 i4 i8 f4 f8 b1).',
    );
  }
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => Number(s.replace(/L$/, '')));
  if (shape.some((n) => !Number.isInteger(n) || n < 0)) throw fail(`bad shape (${shapeText}) in .npy header.`);
  const kind = dtype[2] as NpyKind;
  const itemSize = Number(dtype[3]);
  const elements = shape.reduce((a, b) => a * b, 1);
  const dataStart = headerStart + headerLength;
  const expected = elements * itemSize;
  const present = bytes.length - dataStart;
  if (present !== expected) {
    throw fail(
      `header says shape (${shape.join(', ')}) of ${descr} = ${expected} bytes, but ${present} bytes follow (${present < expected ? 'truncated' : 'extra data'}).`,
    );
  }
  return {
    kind,
    itemSize,
    littleEndian: dtype[1] !== '>',
    shape,
    fortranOrder: fortran === 'True',
    data: bytes.subarray(dataStart),
  };
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
