import { z } from 'zod';
import { base64ToBytes, bytesToBase64 } from '../base64';

/**
 * Numbers in bulk (weights, feature maps, images, boundary grids) as they cross the process boundary and sit in
 * project files: base64 of little-endian float32 values (exact, for weights and activations) or of uint8 values
 * (pictures, class grids: a quarter of the size). JSON arrays of floats would be four to five times larger.
 *
 * Typed arrays use the platform's byte order; every platform LayerLab runs on (x64, arm64) is little-endian.
 */
export const zPackedArray = z.object({
  dtype: z.enum(['float32', 'uint8']),
  /** Dimensions of the values, row-major (e.g. [36, 36, 1] for an image, [5, 5, 1, 4] for a Conv2D kernel). */
  shape: z.array(z.number().int().nonnegative()),
  /** base64 of the values' bytes. */
  data: z.string(),
  /**
   * uint8 only: the value range the bytes stand for (0 → range[0], 255 → range[1]). Absent for class indices and
   * other integers, which are stored as they are.
   */
  range: z.tuple([z.number(), z.number()]).optional(),
});
export type PackedArray = z.infer<typeof zPackedArray>;

export function packFloats(values: Float32Array | readonly number[], shape: readonly number[]): PackedArray {
  const floats = values instanceof Float32Array ? values : Float32Array.from(values);
  checkCount(floats.length, shape);
  return {
    dtype: 'float32',
    shape: [...shape],
    data: bytesToBase64(new Uint8Array(floats.buffer, floats.byteOffset, floats.byteLength)),
  };
}

/** Integers 0..255 stored as they are (class indices, counts). */
export function packBytes(values: Uint8Array, shape: readonly number[]): PackedArray {
  checkCount(values.length, shape);
  return { dtype: 'uint8', shape: [...shape], data: bytesToBase64(values) };
}

/**
 * Values quantized to one byte over `range` (a picture whose pixels span [0, 1]); values outside are clamped. Halves
 * round up, so 0.5 of [0, 1] is stored as 128.
 */
export function packScaled(
  values: Float32Array | readonly number[],
  shape: readonly number[],
  range: readonly [number, number],
): PackedArray {
  checkCount(values.length, shape);
  const [low, high] = range;
  const span = high - low || 1;
  const bytes = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const scaled = Math.round(((values[i] - low) / span) * 255);
    bytes[i] = scaled < 0 ? 0 : scaled > 255 ? 255 : scaled;
  }
  return { dtype: 'uint8', shape: [...shape], data: bytesToBase64(bytes), range: [low, high] };
}

/** The values as float32: floats as stored, scaled bytes mapped back over their range, plain bytes as integers. */
export function unpack(packed: PackedArray): Float32Array {
  const bytes = base64ToBytes(packed.data);
  const expected = packed.shape.reduce((product, dim) => product * dim, 1);
  if (packed.dtype === 'float32') {
    if (bytes.byteLength !== expected * 4)
      throw new Error(`packed array: ${bytes.byteLength} bytes for shape [${packed.shape}] of float32`);
    // Copy into an aligned buffer: the decoded bytes may not start on a 4-byte boundary.
    return new Float32Array(bytes.slice().buffer);
  }
  if (bytes.length !== expected)
    throw new Error(`packed array: ${bytes.length} bytes for shape [${packed.shape}] of uint8`);
  const out = new Float32Array(bytes.length);
  if (packed.range) {
    const [low, high] = packed.range;
    for (let i = 0; i < bytes.length; i++) out[i] = low + (bytes[i] / 255) * (high - low);
  } else {
    for (let i = 0; i < bytes.length; i++) out[i] = bytes[i];
  }
  return out;
}

/** The stored bytes of a uint8 array (class indices, pixels for drawing) without conversion. */
export function unpackBytes(packed: PackedArray): Uint8Array {
  if (packed.dtype !== 'uint8') throw new Error('packed array: expected uint8 data');
  return base64ToBytes(packed.data);
}

/** Size in bytes of a packed array as stored in JSON (its base64 text), for size caps. */
export function packedSize(packed: PackedArray): number {
  return packed.data.length + 64;
}

function checkCount(count: number, shape: readonly number[]): void {
  const expected = shape.reduce((product, dim) => product * dim, 1);
  if (count !== expected) throw new Error(`packed array: ${count} values for shape [${shape}] (${expected} expected)`);
}
