import type { GraphNode, JsonValue } from './model-graph';
import type { ConfigField } from '../layers/layer-definition';
import { getLayerDefinition, withDefaults } from '../layers/catalogue';
import { describeNode, type GraphProblem } from './problems';

/**
 * Why `value` is not acceptable for `field`, phrased to follow the field name ("must be an integer ≥ 1 (got -3)"),
 * or null when it is fine. The inspector uses it per keystroke; validateNodeConfig per node.
 */
export function checkFieldValue(field: ConfigField, value: JsonValue | undefined): string | null {
  const got = ` (got ${formatValue(value)})`;
  switch (field.type) {
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value) || !inRange(value, field)) {
        return `must be an integer${describeRange(field)}${got}`;
      }
      return null;
    case 'float':
      if (typeof value !== 'number' || !Number.isFinite(value) || !inRange(value, field)) {
        return `must be a number${describeRange(field)}${got}`;
      }
      return null;
    case 'enum':
      if (typeof value !== 'string' || !field.choices.includes(value)) {
        return `must be one of ${field.choices.join(', ')}${got}`;
      }
      return null;
    case 'bool':
      return typeof value === 'boolean' ? null : `must be true or false${got}`;
    case 'shape':
      if (!Array.isArray(value) || value.length === 0 || !value.every(isPositiveInteger)) {
        return `must be a non-empty list of positive integers, e.g. [36, 36, 1]${got}`;
      }
      return null;
    case 'pair': {
      if (value === null && field.nullable) return null;
      const min = field.min ?? 1;
      if (!Array.isArray(value) || value.length !== 2 || !value.every((v) => isPositiveInteger(v) && v >= min)) {
        const orEmpty = field.nullable ? ' (or empty)' : '';
        return `must be two integers ≥ ${min} [height, width]${orEmpty}${got}`;
      }
      return null;
    }
  }
}

/** One problem per bad field of the node, each naming the node, the field and what is allowed. */
export function validateNodeConfig(node: GraphNode): GraphProblem[] {
  const definition = getLayerDefinition(node.kind);
  if (typeof node.config !== 'object' || node.config === null || Array.isArray(node.config)) {
    return [
      {
        nodeId: node.id,
        code: 'invalid-config',
        severity: 'error',
        message: `${describeNode(node)}: its settings are not an object (got ${formatValue(node.config as JsonValue)}).`,
      },
    ];
  }
  const config = withDefaults(node.kind, node.config);
  const problems: GraphProblem[] = [];
  for (const field of definition.fields) {
    const reason = checkFieldValue(field, config[field.key]);
    if (reason === null) continue;
    problems.push({
      nodeId: node.id,
      code: 'invalid-config',
      severity: 'error',
      message: `${describeNode(node)}: ${field.key} ${reason}.`,
      fix: {
        type: 'set-config',
        nodeId: node.id,
        key: field.key,
        value: field.default,
        label: `Reset ${field.key} to ${formatValue(field.default)}`,
      },
    });
  }
  return problems;
}

function isPositiveInteger(value: JsonValue): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1;
}

function inRange(
  value: number,
  field: { min?: number; max?: number; minExclusive?: boolean; maxExclusive?: boolean },
): boolean {
  if (field.min !== undefined && (field.minExclusive ? value <= field.min : value < field.min)) return false;
  if (field.max !== undefined && (field.maxExclusive ? value >= field.max : value > field.max)) return false;
  return true;
}

/** " ≥ 1", " in [0, 1)", " > 0" — the allowed range as students read it. */
function describeRange(field: { min?: number; max?: number; minExclusive?: boolean; maxExclusive?: boolean }): string {
  const { min, max } = field;
  if (min !== undefined && max !== undefined) {
    return ` in ${field.minExclusive ? '(' : '['}${min}, ${max}${field.maxExclusive ? ')' : ']'}`;
  }
  if (min !== undefined) return ` ${field.minExclusive ? '>' : '≥'} ${min}`;
  if (max !== undefined) return ` ${field.maxExclusive ? '<' : '≤'} ${max}`;
  return '';
}

function formatValue(value: JsonValue | undefined): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return `"${value}"`;
  return JSON.stringify(value);
}
