import { describe, expect, it } from 'vitest';
import { countOf } from './plural';

describe('countOf', () => {
  it('uses the singular for exactly one and the plural otherwise', () => {
    expect(countOf(1, 'layer')).toBe('1 layer');
    expect(countOf(0, 'layer')).toBe('0 layers');
    expect(countOf(2, 'class', 'classes')).toBe('2 classes');
    expect(countOf(12_345, 'param')).toBe('12,345 params');
  });
});
