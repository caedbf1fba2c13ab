import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAYER_KINDS } from '../../../shared/graph/model-graph';
import { LAYER_CATEGORIES } from '../../../shared/layers/categories';
import { kindColor } from './kind-color';

describe('kind colours', () => {
  const css = readFileSync(join(__dirname, '../styles/base.css'), 'utf8');
  const block = (selector: string) => {
    const start = css.indexOf(`${selector} {`);
    expect(start, selector).toBeGreaterThanOrEqual(0);
    return css.slice(start, css.indexOf('}', start));
  };

  it('every category has its colour in the light and the dark theme', () => {
    for (const theme of [block(':root'), block(":root[data-theme='dark']")]) {
      for (const { colorVariable } of LAYER_CATEGORIES) expect(theme).toMatch(new RegExp(`${colorVariable}:\\s*#`));
    }
  });

  it('every kind is coloured by its category', () => {
    for (const kind of LAYER_KINDS) expect(kindColor(kind)).toMatch(/^var\(--cat-[a-z]+\)$/);
    expect(kindColor('Conv2D')).toBe('var(--cat-convolution)');
    expect(kindColor('Add')).not.toBe(kindColor('Dense'));
  });
});
