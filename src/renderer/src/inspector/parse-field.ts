import type { JsonValue } from '../../../shared/graph/model-graph';
import type { ConfigField } from '../../../shared/layers/layer-definition';
import { checkFieldValue } from '../../../shared/graph/validate-config';

export type ParsedField = { ok: true; value: JsonValue } | { ok: false; error: string };

/** Splits "36, 36, 1", "36×36×1", "36 x 36 x 1" or "[36, 36, 1]" into its numbers' texts. */
function listItems(text: string): string[] {
  return (
    text
      .replace(/^\s*\[|\]\s*$/g, '')
      // "×", "x" and "*" separate sizes only between two numbers, so a stray "x" is still reported.
      .replace(/(\d)\s*[x×*]\s*(?=\d)/gi, '$1,')
      .split(/[\s,]+/)
      .filter((part) => part !== '')
  );
}

function parseNumber(text: string): number | null {
  const t = text.trim();
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return null;
  return Number(t);
}

/**
 * What the user typed in a field, as a config value, or why it can't be one. Range rules come from the
 * shared validator, so the inspector refuses exactly what the analysis would flag.
 */
export function parseFieldInput(field: ConfigField, text: string): ParsedField {
  let value: JsonValue;
  switch (field.type) {
    case 'int':
    case 'float': {
      if (text.trim() === '') return { ok: false, error: 'Enter a number.' };
      const n = parseNumber(text);
      if (n === null) return { ok: false, error: `“${text.trim()}” is not a number.` };
      value = n;
      break;
    }
    case 'enum':
      value = text;
      break;
    case 'bool':
      value = text === 'true';
      break;
    case 'shape': {
      const items = listItems(text);
      if (items.length === 0) return { ok: false, error: 'Enter at least one size, e.g. 36, 36, 1.' };
      const numbers = items.map(parseNumber);
      const bad = items.find((_, i) => numbers[i] === null);
      if (bad !== undefined) return { ok: false, error: `“${bad}” is not a number.` };
      value = numbers as number[];
      break;
    }
    case 'pair': {
      const items = listItems(text);
      if (items.length === 0) {
        if (field.nullable) {
          value = null;
          break;
        }
        return { ok: false, error: 'Enter a size, e.g. 5 or 5, 5.' };
      }
      if (items.length > 2) return { ok: false, error: 'Enter one size (square) or two: height, width.' };
      const numbers = items.map(parseNumber);
      const bad = items.find((_, i) => numbers[i] === null);
      if (bad !== undefined) return { ok: false, error: `“${bad}” is not a number.` };
      value = items.length === 1 ? [numbers[0]!, numbers[0]!] : (numbers as number[]);
      break;
    }
  }
  const problem = checkFieldValue(field, value);
  if (problem) return { ok: false, error: `${field.label} ${problem}.` };
  return { ok: true, value };
}

/** How a config value is shown in its text box. */
export function formatFieldValue(field: ConfigField, value: JsonValue | undefined): string {
  if (value === undefined || value === null) return '';
  if (field.type === 'shape' || field.type === 'pair') return Array.isArray(value) ? value.join(', ') : String(value);
  return String(value);
}
