import { deflateSync } from 'fflate';
import { crc32 } from '../zip-reader';

/** Test-only encoders for .npy and .npz, written independently of the readers so the tests can catch reader bugs. */
export interface NpyInput {
  /** NumPy dtype string, e.g. '<f8', '>i2', '|u1', '|b1'. */
  descr: string;
  shape: number[];
  /** Elements in C (row-major) order; written in Fortran order when `fortranOrder` is set. */
  values: ArrayLike<number>;
  fortranOrder?: boolean;
  /** Format major version (1, 2 or 3). */
  version?: 1 | 2 | 3;
  /** Overrides the shape written into the header (to make a header that lies). */
  headerShape?: number[];
}

function cToFortran(values: ArrayLike<number>, shape: number[]): number[] {
  const out = new Array<number>(values.length);
  const rank = shape.length;
  const index = new Array<number>(rank).fill(0);
  for (let c = 0; c < values.length; c++) {
    let f = 0;
    let stride = 1;
    for (let d = 0; d < rank; d++) {
      f += index[d] * stride;
      stride *= shape[d];
    }
    out[f] = values[c];
    for (let d = rank - 1; d >= 0; d--) {
      if (++index[d] < shape[d]) break;
      index[d] = 0;
    }
  }
  return out;
}

export function encodeNpy(input: NpyInput): Uint8Array {
  const { descr, shape } = input;
  const version = input.version ?? 1;
  const shapeText =
    (input.headerShape ?? shape).length === 1
      ? `(${(input.headerShape ?? shape)[0]},)`
      : `(${(input.headerShape ?? shape).join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': ${input.fortranOrder ? 'True' : 'False'}, 'shape': ${shapeText}, }`;
  const prefix = version === 1 ? 10 : 12;
  const pad = 64 - ((prefix + header.length + 1) % 64);
  header += ' '.repeat(pad % 64) + '\n';
  const headerBytes = new TextEncoder().encode(header);
  const little = descr[0] !== '>';
  const kind = descr[1];
  const size = Number(descr.slice(2));
  const values = input.fortranOrder ? cToFortran(input.values, shape) : Array.from(input.values);
  const data = new Uint8Array(values.length * size);
  const view = new DataView(data.buffer);
  values.forEach((v, i) => {
    const o = i * size;
    const u = kind === 'u';
    if (kind === 'f' && size === 4) view.setFloat32(o, v, little);
    else if (kind === 'f') view.setFloat64(o, v, little);
    else if (kind === 'b') data[o] = v ? 1 : 0;
    else if (size === 1) data[o] = u ? v : v & 0xff;
    else if (size === 2 && u) view.setUint16(o, v, little);
    else if (size === 2) view.setInt16(o, v, little);
    else if (size === 4 && u) view.setUint32(o, v, little);
    else if (size === 4) view.setInt32(o, v, little);
    else if (u) view.setBigUint64(o, BigInt(v), little);
    else view.setBigInt64(o, BigInt(v), little);
  });
  const out = new Uint8Array(prefix + headerBytes.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const ov = new DataView(out.buffer);
  if (version === 1) ov.setUint16(8, headerBytes.length, true);
  else ov.setUint32(8, headerBytes.length, true);
  out.set(headerBytes, prefix);
  out.set(data, prefix + headerBytes.length);
  return out;
}

export interface ZipInput {
  name: string;
  data: Uint8Array;
  /** 0 stored (numpy.savez), 8 deflated (numpy.savez_compressed). */
  method?: 0 | 8;
}

/** A zip archive; `zip64` writes ZIP64 records (as numpy does for big arrays) even though the sizes would fit. */
export function encodeZip(entries: ZipInput[], options: { zip64?: boolean } = {}): Uint8Array {
  const zip64 = options.zip64 ?? false;
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const method = entry.method ?? 0;
    const packed = method === 8 ? deflateSync(entry.data) : entry.data;
    const name = new TextEncoder().encode(entry.name);
    const crc = crc32(entry.data);
    const localExtra = zip64 ? 20 : 0;
    const local = new Uint8Array(30 + name.length + localExtra);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, zip64 ? 45 : 20, true);
    lv.setUint16(8, method, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, zip64 ? 0xffffffff : packed.length, true);
    lv.setUint32(22, zip64 ? 0xffffffff : entry.data.length, true);
    lv.setUint16(26, name.length, true);
    lv.setUint16(28, localExtra, true);
    local.set(name, 30);
    if (zip64) {
      lv.setUint16(30 + name.length, 0x0001, true);
      lv.setUint16(32 + name.length, 16, true);
      lv.setBigUint64(34 + name.length, BigInt(entry.data.length), true);
      lv.setBigUint64(42 + name.length, BigInt(packed.length), true);
    }
    const centralExtra = zip64 ? 28 : 0;
    const cd = new Uint8Array(46 + name.length + centralExtra);
    const cv = new DataView(cd.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 45, true);
    cv.setUint16(6, zip64 ? 45 : 20, true);
    cv.setUint16(10, method, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, zip64 ? 0xffffffff : packed.length, true);
    cv.setUint32(24, zip64 ? 0xffffffff : entry.data.length, true);
    cv.setUint16(28, name.length, true);
    cv.setUint16(30, centralExtra, true);
    cv.setUint32(42, zip64 ? 0xffffffff : offset, true);
    cd.set(name, 46);
    if (zip64) {
      const e = 46 + name.length;
      cv.setUint16(e, 0x0001, true);
      cv.setUint16(e + 2, 24, true);
      cv.setBigUint64(e + 4, BigInt(entry.data.length), true);
      cv.setBigUint64(e + 12, BigInt(packed.length), true);
      cv.setBigUint64(e + 20, BigInt(offset), true);
    }
    chunks.push(local, packed);
    central.push(cd);
    offset += local.length + packed.length;
  }
  const dirOffset = offset;
  const dirSize = central.reduce((a, c) => a + c.length, 0);
  const tail: Uint8Array[] = [...central];
  if (zip64) {
    const rec = new Uint8Array(56);
    const rv = new DataView(rec.buffer);
    rv.setUint32(0, 0x06064b50, true);
    rv.setBigUint64(4, 44n, true);
    rv.setUint16(12, 45, true);
    rv.setUint16(14, 45, true);
    rv.setBigUint64(24, BigInt(entries.length), true);
    rv.setBigUint64(32, BigInt(entries.length), true);
    rv.setBigUint64(40, BigInt(dirSize), true);
    rv.setBigUint64(48, BigInt(dirOffset), true);
    const loc = new Uint8Array(20);
    const locv = new DataView(loc.buffer);
    locv.setUint32(0, 0x07064b50, true);
    locv.setBigUint64(8, BigInt(dirOffset + dirSize), true);
    locv.setUint32(16, 1, true);
    tail.push(rec, loc);
  }
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, zip64 ? 0xffff : entries.length, true);
  ev.setUint16(10, zip64 ? 0xffff : entries.length, true);
  ev.setUint32(12, zip64 ? 0xffffffff : dirSize, true);
  ev.setUint32(16, zip64 ? 0xffffffff : dirOffset, true);
  tail.push(end);
  const all = [...chunks, ...tail];
  const out = new Uint8Array(all.reduce((a, c) => a + c.length, 0));
  let p = 0;
  for (const c of all) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}

/** An .npz: each array stored as "<name>.npy", like numpy.savez. */
export function encodeNpz(
  arrays: Record<string, NpyInput>,
  options: { method?: 0 | 8; zip64?: boolean } = {},
): Uint8Array {
  return encodeZip(
    Object.entries(arrays).map(([name, input]) => ({
      name: `${name}.npy`,
      data: encodeNpy(input),
      method: options.method ?? 0,
    })),
    { zip64: options.zip64 },
  );
}
