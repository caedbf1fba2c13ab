import { describe, expect, it } from 'vitest';
import { base64ByteLength, base64ToBytes, bytesToBase64 } from '../base64';
import { packBytes, packFloats, packScaled, unpack, unpackBytes } from './packed-array';

describe('packed arrays', () => {
  it('keep float32 values exactly, whatever their alignment after decoding', () => {
    const values = Float32Array.from([0, -1.5, 3.1415927, 1e-30, -7e20, 0.1]);
    const packed = packFloats(values, [2, 3]);
    expect(packed).toMatchObject({ dtype: 'float32', shape: [2, 3] });
    expect(unpack(packed)).toEqual(values);
    expect(unpack(JSON.parse(JSON.stringify(packed)))).toEqual(values);
  });

  it('quantize pictures to a byte over their range and map them back to within half a step', () => {
    const values = Float32Array.from({ length: 256 }, (_, i) => i / 255);
    const packed = packScaled(values, [16, 16], [0, 1]);
    const back = unpack(packed);
    for (let i = 0; i < values.length; i++) expect(Math.abs(back[i] - values[i])).toBeLessThanOrEqual(0.5 / 255);
    expect(unpackBytes(packScaled([-5, 0.5, 7], [3], [0, 1]))).toEqual(Uint8Array.from([0, 128, 255]));
  });

  it('store class indices as they are', () => {
    const classes = Uint8Array.from([0, 1, 2, 1]);
    expect(unpack(packBytes(classes, [2, 2]))).toEqual(Float32Array.from([0, 1, 2, 1]));
  });

  it('refuse a shape that does not match the values, and data of the wrong length', () => {
    expect(() => packFloats([1, 2, 3], [2, 2])).toThrow(/3 values for shape \[2,2\] \(4 expected\)/);
    const packed = packFloats([1, 2], [2]);
    expect(() => unpack({ ...packed, shape: [3] })).toThrow(/8 bytes for shape \[3\] of float32/);
  });

  it('base64 round-trips every byte value and knows its decoded length', () => {
    for (const length of [0, 1, 2, 3, 4, 255, 256, 1000]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 37) % 256);
      const text = bytesToBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect(base64ToBytes(text)).toEqual(bytes);
      expect(base64ByteLength(text)).toBe(length);
    }
    expect(() => base64ToBytes('not base64!')).toThrow(/not base64/);
  });
});
