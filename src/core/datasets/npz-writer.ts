import { zipSync } from 'fflate';

/** An array to write as .npy: float32 features and weights, int32 labels, or strings (class names). */
export type NpyData =
  | { dtype: 'float32'; shape: number[]; values: Float32Array }
  | { dtype: 'int32'; shape: number[]; values: Int32Array }
  | { dtype: 'unicode'; shape: number[]; values: string[] };

/** DOS time stamps start in 1980; a fixed one makes exporting twice give the same bytes. */
const FIXED_TIME = new Date(1980, 0, 1);

/**
 * A NumPy .npy file (format 1.0, C order, little-endian) that `numpy.load` reads: `<f4`, `<i4`, or `<U<n>` for
 * strings (UTF-32, padded to the longest, as NumPy stores them).
 */
export function encodeNpy(array: NpyData): Uint8Array {
  const count = array.shape.reduce((product, dim) => product * dim, 1);
  if (count !== array.values.length) {
    throw new Error(`shape [${array.shape}] holds ${count} values, but ${array.values.length} are given`);
  }
  const { descr, data } = encodeValues(array);
  const shapeText = array.shape.length === 1 ? `(${array.shape[0]},)` : `(${array.shape.join(', ')})`;
  const dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  // Magic (6) + version (2) + header length (2) + header, padded with spaces and a newline to a multiple of 64.
  const unpadded = 10 + dict.length + 1;
  const header = `${dict}${' '.repeat((64 - (unpadded % 64)) % 64)}\n`;
  const out = new Uint8Array(10 + header.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  out.set(data, 10 + header.length);
  return out;
}

/** An .npz archive (what `numpy.savez` / `savez_compressed` write): one `<name>.npy` per array. */
export function encodeNpz(arrays: Record<string, NpyData>, options: { compress?: boolean } = {}): Uint8Array {
  const level = options.compress ? 6 : 0;
  const entries: Record<string, [Uint8Array, { level: 0 | 6 }]> = {};
  for (const [name, array] of Object.entries(arrays)) entries[`${name}.npy`] = [encodeNpy(array), { level }];
  return zipSync(entries, { mtime: FIXED_TIME });
}

function encodeValues(array: NpyData): { descr: string; data: Uint8Array } {
  if (array.dtype === 'unicode') {
    const width = Math.max(1, ...array.values.map((text) => [...text].length));
    const codes = new Uint32Array(array.values.length * width);
    array.values.forEach((text, i) => {
      [...text].forEach((char, j) => (codes[i * width + j] = char.codePointAt(0)!));
    });
    return { descr: `<U${width}`, data: littleEndianBytes(codes) };
  }
  return { descr: array.dtype === 'float32' ? '<f4' : '<i4', data: littleEndianBytes(array.values) };
}

/** Typed-array bytes in little-endian order, whatever the machine's order. */
function littleEndianBytes(values: Float32Array | Int32Array | Uint32Array): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  if (values instanceof Float32Array) values.forEach((value, i) => view.setFloat32(i * 4, value, true));
  else if (values instanceof Int32Array) values.forEach((value, i) => view.setInt32(i * 4, value, true));
  else values.forEach((value, i) => view.setUint32(i * 4, value, true));
  return out;
}
