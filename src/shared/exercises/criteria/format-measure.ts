import type { MeasureUnit } from './criterion-definition';

/** A measured value or target as the checklist and the CLI write it. */
export function formatMeasure(value: number, unit: MeasureUnit): string {
  switch (unit) {
    case 'fraction':
      return `${(value * 100).toFixed(1)} %`;
    case 'count':
      return Math.round(value).toLocaleString('en-US');
    case 'loss':
      return Number(value.toPrecision(4)).toString();
  }
}

export const COMPARISON_SIGN = { 'at-least': '≥', 'at-most': '≤' } as const;
