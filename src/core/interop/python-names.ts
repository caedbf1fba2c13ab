import type { ExportPlan } from './export-plan';

/** Python's reserved words (`keyword.kwlist`) and the names generated code uses itself. */
const RESERVED = new Set([
  'False',
  'None',
  'True',
  'and',
  'as',
  'assert',
  'async',
  'await',
  'break',
  'class',
  'continue',
  'def',
  'del',
  'elif',
  'else',
  'except',
  'finally',
  'for',
  'from',
  'global',
  'if',
  'import',
  'in',
  'is',
  'lambda',
  'nonlocal',
  'not',
  'or',
  'pass',
  'raise',
  'return',
  'try',
  'while',
  'with',
  'yield',
  'self',
  'x',
  'inputs',
  'outputs',
  'model',
  'torch',
  'nn',
  'F',
  'np',
  'tf',
  'keras',
  'layers',
  'math',
  // Builtins a layer name would shadow inside forward() or build_model().
  ...[
    'input',
    'print',
    'len',
    'list',
    'dict',
    'type',
    'id',
    'sum',
    'max',
    'min',
    'map',
    'range',
    'str',
    'int',
    'float',
  ],
]);

/**
 * A Python identifier per layer, as close to the layer's name as Python allows (`conv2d-1` → `conv2d_1`), unique
 * within the model. PyTorch uses it as the submodule name, so it is also the prefix of the layer's state_dict keys.
 */
export function pythonNames(plan: ExportPlan): Map<string, string> {
  const names = new Map<string, string>();
  const used = new Set<string>();
  for (const layer of plan.layers) {
    let base = layer.name.replace(/[^A-Za-z0-9_]/g, '_');
    if (/^[0-9]/.test(base)) base = `layer_${base}`;
    if (RESERVED.has(base)) base = `${base}_`;
    let name = base;
    for (let suffix = 2; used.has(name); suffix++) name = `${base}_${suffix}`;
    used.add(name);
    names.set(layer.id, name);
  }
  return names;
}

/** A Python string literal (single-quoted, escaped). */
export function pyString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

/** A Python float literal (always with a point or exponent, so `1` reads as `1.0`). */
export function pyFloat(value: number): string {
  const text = String(value);
  return /[.eE]/.test(text) ? text : `${text}.0`;
}

/** A Python tuple of ints, `(5, 5)` or `(1296,)`. */
export function pyTuple(values: readonly number[]): string {
  return values.length === 1 ? `(${values[0]},)` : `(${values.join(', ')})`;
}
