/**
 * A host error as a sentence: Electron prefixes rejected invokes with "Error invoking remote method '…': Error: ",
 * which says nothing to a student.
 */
export function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^Error invoking remote method '[^']*':\s*(\w*Error:\s*)?/, '');
}

export function percent(value: number, digits = 1): string {
  return `${(value * 100).toFixed(digits)}%`;
}

/** A number short enough for a small label: 0.0123 → "0.0123", 12345 → "1.23e+4". */
export function shortNumber(value: number): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  return magnitude >= 1e4 || magnitude < 1e-3 ? value.toExponential(2) : value.toPrecision(3);
}
