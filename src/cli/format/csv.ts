/**
 * CSV as RFC 4180 writes it (fields with a comma, quote or line break in double quotes, quotes doubled, CRLF
 * between records), made safe to open in a spreadsheet: a text cell that starts like a formula (=, +, -, @, or a
 * tab or carriage return) gets a leading apostrophe, so a file named `=HYPERLINK(…).layerlab.json` stays text.
 * Numbers are written as numbers.
 */
export function formatCsv(rows: readonly (readonly (string | number | boolean | null)[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
