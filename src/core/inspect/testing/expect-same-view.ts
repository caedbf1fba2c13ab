import { expect } from 'vitest';
import { unpack, type PackedArray } from '../../../shared/views/packed-array';

function isPacked(value: unknown): value is PackedArray {
  return (
    typeof value === 'object' &&
    value !== null &&
    'dtype' in value &&
    'shape' in value &&
    typeof (value as { data?: unknown }).data === 'string'
  );
}

/**
 * Two view answers agree: the same structure, every number (packed arrays unpacked) within `tolerance`. `path` names
 * where they differ.
 */
export function expectSameView(actual: unknown, expected: unknown, tolerance = 1e-6, path = 'answer'): void {
  if (isPacked(expected)) {
    expect(isPacked(actual), `${path} is a packed array`).toBe(true);
    const a = actual as PackedArray;
    expect(a.shape, `${path}.shape`).toEqual(expected.shape);
    expect(a.dtype, `${path}.dtype`).toBe(expected.dtype);
    expectSameView(Array.from(unpack(a)), Array.from(unpack(expected)), tolerance, `${path}.values`);
    return;
  }
  if (typeof expected === 'number') {
    expect(typeof actual, `${path} is a number`).toBe('number');
    if (Number.isNaN(expected)) expect(actual, path).toBeNaN();
    else
      expect(Math.abs((actual as number) - expected), `${path}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
        tolerance,
      );
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), `${path} is an array`).toBe(true);
    expect((actual as unknown[]).length, `${path}.length`).toBe(expected.length);
    expected.forEach((item, i) => expectSameView((actual as unknown[])[i], item, tolerance, `${path}[${i}]`));
    return;
  }
  if (typeof expected === 'object' && expected !== null) {
    expect(typeof actual === 'object' && actual !== null, `${path} is an object`).toBe(true);
    expect(Object.keys(actual as object).sort(), `${path} keys`).toEqual(Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected))
      expectSameView((actual as Record<string, unknown>)[key], value, tolerance, `${path}.${key}`);
    return;
  }
  expect(actual, path).toEqual(expected);
}
