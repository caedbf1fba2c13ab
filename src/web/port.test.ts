import { describe, expect, it } from 'vitest';
import { DEFAULT_PORT, parsePort } from './port';

describe('parsePort', () => {
  it('defaults to 5170 and accepts 0 (any free port)', () => {
    expect(parsePort(undefined)).toBe(DEFAULT_PORT);
    expect(parsePort('')).toBe(5170);
    expect(parsePort('0')).toBe(0);
    expect(parsePort('8080')).toBe(8080);
  });
  it('names the variable and the bad value', () => {
    expect(() => parsePort('abc')).toThrow('LAYERLAB_PORT must be a whole number from 0 to 65535, got "abc".');
    expect(() => parsePort('70000')).toThrow(/got "70000"/);
    expect(() => parsePort('1.5')).toThrow(/LAYERLAB_PORT/);
  });
});
