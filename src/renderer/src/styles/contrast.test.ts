import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The themes' colours against WCAG 2.1 AA, read from base.css itself: text (muted, accent, the danger/warning/ok
 * text tones) at least 4.5:1 on both surfaces, the charts' training and validation lines at least 3:1 (graphical
 * objects). The axe check in the end-to-end suite covers text on the page; chart lines are drawn on a canvas it
 * can't see.
 */
const css = readFileSync(join(import.meta.dirname, 'base.css'), 'utf8');

function variables(block: string): Map<string, string> {
  return new Map([...block.matchAll(/(--[\w-]+):\s*([^;]+);/g)].map((m) => [m[1], m[2].trim()]));
}

const light = variables(/:root\s*\{([^}]*)\}/.exec(css)![1]);
const dark = new Map([...light, ...variables(/:root\[data-theme='dark'\]\s*\{([^}]*)\}/.exec(css)![1])]);

function rgb(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [0, 2, 4].map((i) => parseInt(m[1].slice(i, i + 2), 16)) as [number, number, number];
}

function luminance(hex: string): number {
  const [r, g, b] = rgb(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe.each([
  ['light', light],
  ['dark', dark],
])('the %s theme', (_name, theme) => {
  const get = (name: string) => theme.get(name)!;
  it.each(['--text', '--text-muted', '--accent', '--danger-text', '--warning-text', '--ok-text'])(
    '%s reads at 4.5:1 or more on both surfaces',
    (text) => {
      for (const surface of ['--surface', '--surface-2', '--bg'])
        expect(contrast(get(text), get(surface)), `${text} on ${surface}`).toBeGreaterThanOrEqual(4.5);
    },
  );

  it.each(['--chart-train', '--chart-val'])('the chart line %s stands out at 3:1 or more', (line) => {
    expect(contrast(get(line), get('--surface'))).toBeGreaterThanOrEqual(3);
  });
});

describe('the dark theme’s chart blue', () => {
  it('is not the light theme’s dark blue, which reads poorly on a dark surface', () => {
    expect(dark.get('--chart-train')).not.toBe(light.get('--chart-train'));
    expect(contrast(light.get('--chart-train')!, dark.get('--surface')!)).toBeLessThan(
      contrast(dark.get('--chart-train')!, dark.get('--surface')!),
    );
  });
});

describe('the confusion matrix heat map', () => {
  it.each([
    ['light', light],
    ['dark', dark],
  ])('keeps the counts readable (4.5:1) on its darkest cell in the %s theme', (_name, theme) => {
    const surface = rgb(theme.get('--surface')!);
    const heat = theme.get('--heat-rgb')!.split(',').map(Number);
    const alpha = 0.06 + Number(theme.get('--heat-span'));
    const cell = surface.map((c, i) => Math.round(c * (1 - alpha) + heat[i] * alpha));
    const hex = `#${cell.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
    expect(contrast(theme.get('--text')!, hex)).toBeGreaterThanOrEqual(4.5);
  });
});
