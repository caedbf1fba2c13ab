/** A confusion matrix as text: one row per true class, one column per predicted class, with class names. */
export function formatConfusionMatrix(matrix: number[][], classNames: string[]): string {
  const width = Math.max(
    ...classNames.map((name) => name.length),
    ...matrix.flat().map((count) => String(count).length),
    4,
  );
  const labelWidth = Math.max(...classNames.map((name) => name.length), 'true \\ predicted'.length);
  const header =
    'true \\ predicted'.padEnd(labelWidth) + '  ' + classNames.map((name) => name.padStart(width)).join('  ');
  const rows = matrix.map(
    (row, k) => classNames[k].padEnd(labelWidth) + '  ' + row.map((count) => String(count).padStart(width)).join('  '),
  );
  return [header, ...rows].join('\n');
}
