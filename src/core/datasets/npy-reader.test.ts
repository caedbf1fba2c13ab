import { describe, expect, it } from 'vitest';
import { DatasetError } from './dataset-error';
import { npyToFloat64, parseNpy } from './npy-reader';
import { encodeNpy } from './test-support/npy-writer';

const parse = (bytes: Uint8Array) => parseNpy(bytes, 'a.npy', 'a.npy');

describe('parseNpy', () => {
  const cases: [string, number[]][] = [
    ['|u1', [0, 1, 200, 255]],
    ['|i1', [-128, -1, 0, 127]],
    ['<u2', [0, 1, 65535, 300]],
    ['>u2', [0, 1, 65535, 300]],
    ['<i2', [-32768, -2, 5, 32767]],
    ['>i2', [-32768, -2, 5, 32767]],
    ['<u4', [0, 4294967295, 7, 1]],
    ['>i4', [-2147483648, -5, 6, 2147483647]],
    ['<i8', [-(2 ** 40), -1, 0, 2 ** 50]],
    ['>i8', [-(2 ** 40), -1, 0, 2 ** 50]],
    ['<u8', [0, 1, 2 ** 52, 3]],
    ['<f4', [0.5, -1.25, 2 ** 40, 0]],
    ['>f4', [0.5, -1.25, 2 ** 40, 0]],
    ['<f8', [Math.PI, -1e-300, 1e300, 0]],
    ['>f8', [Math.PI, -1e-300, 1e300, 0]],
    ['|b1', [1, 0, 0, 1]],
  ];
  it.each(cases)('reads %s', (descr, values) => {
    const array = parse(encodeNpy({ descr, shape: [2, 2], values }));
    expect(array.shape).toEqual([2, 2]);
    expect(Array.from(npyToFloat64(array))).toEqual(values);
  });

  it.each([1, 2, 3] as const)('reads format version %i', (version) => {
    const array = parse(encodeNpy({ descr: '<i4', shape: [3], values: [1, 2, 3], version }));
    expect(Array.from(npyToFloat64(array))).toEqual([1, 2, 3]);
  });

  it('transposes Fortran-order arrays to C order', () => {
    const values = Array.from({ length: 24 }, (_, i) => i);
    const array = parse(encodeNpy({ descr: '<f8', shape: [2, 3, 4], values, fortranOrder: true }));
    expect(array.fortranOrder).toBe(true);
    expect(Array.from(npyToFloat64(array))).toEqual(values);
  });

  it('reads a 0-d and an empty array', () => {
    expect(parse(encodeNpy({ descr: '<f8', shape: [], values: [7] })).shape).toEqual([]);
    expect(parse(encodeNpy({ descr: '<f8', shape: [0, 3], values: [] })).shape).toEqual([0, 3]);
  });

  it('rejects a header that lies about the shape', () => {
    const bytes = encodeNpy({ descr: '<f8', shape: [2, 2], values: [1, 2, 3, 4], headerShape: [3, 2] });
    expect(() => parse(bytes)).toThrow(
      /a\.npy: header says shape \(3, 2\) of <f8 = 48 bytes, but 32 bytes follow \(truncated\)/,
    );
  });

  it('rejects truncated data, bad magic and unsupported dtypes with a DatasetError', () => {
    const good = encodeNpy({ descr: '<i4', shape: [4], values: [1, 2, 3, 4] });
    expect(() => parse(good.subarray(0, good.length - 3))).toThrow(DatasetError);
    expect(() => parse(good.subarray(0, 9))).toThrow(/bad magic|truncated/);
    expect(() => parse(new TextEncoder().encode('hello, world'))).toThrow(/not a NumPy .npy array/);
    expect(() => parse(encodeNpy({ descr: '<c16', shape: [0], values: [] }))).toThrow(/unsupported dtype "<c16"/);
    const v9 = good.slice();
    v9[6] = 9;
    expect(() => parse(v9)).toThrow(/unsupported .npy format version 9/);
  });
});
