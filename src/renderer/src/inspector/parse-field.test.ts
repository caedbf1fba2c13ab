import { describe, expect, it } from 'vitest';
import type { ConfigField } from '../../../shared/layers/layer-definition';
import { getLayerDefinition } from '../../../shared/layers/catalogue';
import { parseFieldInput } from './parse-field';

function field(kind: Parameters<typeof getLayerDefinition>[0], key: string): ConfigField {
  const f = getLayerDefinition(kind).fields.find((x) => x.key === key);
  if (!f) throw new Error(`${kind} has no field ${key}`);
  return f;
}

describe('parseFieldInput', () => {
  it('accepts integers in range and refuses the rest with a reason naming the field', () => {
    const units = field('Dense', 'units');
    expect(parseFieldInput(units, '128')).toEqual({ ok: true, value: 128 });
    const neg = parseFieldInput(units, '-3');
    expect(neg.ok).toBe(false);
    expect(!neg.ok && neg.error).toMatch(/Units.*integer/i);
    expect(parseFieldInput(units, '12.5').ok).toBe(false);
    const text = parseFieldInput(units, '12a');
    expect(!text.ok && text.error).toMatch(/not a number/);
    expect(parseFieldInput(units, '').ok).toBe(false);
  });

  it("respects Dropout's exclusive upper bound", () => {
    const rate = field('Dropout', 'rate');
    expect(parseFieldInput(rate, '0.5')).toEqual({ ok: true, value: 0.5 });
    expect(parseFieldInput(rate, '1').ok).toBe(false);
  });

  it('reads shapes written with commas, × or brackets', () => {
    const shape = field('Input', 'shape');
    expect(parseFieldInput(shape, '36, 36, 1')).toEqual({ ok: true, value: [36, 36, 1] });
    expect(parseFieldInput(shape, '36×36×1')).toEqual({ ok: true, value: [36, 36, 1] });
    expect(parseFieldInput(shape, '[2]')).toEqual({ ok: true, value: [2] });
    expect(parseFieldInput(shape, '36, 0').ok).toBe(false);
    expect(parseFieldInput(shape, '36, x').ok).toBe(false);
  });

  it('reads a single size as a square pair and empty as "same as pool size" where allowed', () => {
    const kernel = field('Conv2D', 'kernelSize');
    expect(parseFieldInput(kernel, '5')).toEqual({ ok: true, value: [5, 5] });
    expect(parseFieldInput(kernel, '3, 5')).toEqual({ ok: true, value: [3, 5] });
    expect(parseFieldInput(kernel, '1, 2, 3').ok).toBe(false);
    expect(parseFieldInput(kernel, '').ok).toBe(false);
    const strides = field('MaxPool2D', 'strides');
    expect(parseFieldInput(strides, '')).toEqual({ ok: true, value: null });
  });

  it('checks enum choices', () => {
    const activation = field('Dense', 'activation');
    expect(parseFieldInput(activation, 'relu')).toEqual({ ok: true, value: 'relu' });
    expect(parseFieldInput(activation, 'nope').ok).toBe(false);
  });
});
