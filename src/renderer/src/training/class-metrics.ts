import type { ClassScores } from './training-session';

/**
 * Per-class precision, recall and F1 from a confusion matrix (rows true, columns predicted), plus accuracy.
 * A class never predicted (or never present) scores 0 rather than NaN, as scikit-learn's zero_division=0.
 */
export function classMetrics(matrix: readonly (readonly number[])[]): {
  perClass: ClassScores[];
  accuracy: number | null;
  total: number;
} {
  const n = matrix.length;
  let total = 0;
  let correct = 0;
  const colSums = new Array<number>(n).fill(0);
  const rowSums = matrix.map((row) => row.reduce((a, b) => a + b, 0));
  matrix.forEach((row, i) => {
    row.forEach((v, j) => {
      colSums[j] += v;
      total += v;
      if (i === j) correct += v;
    });
  });
  const perClass = matrix.map((row, i) => {
    const tp = row[i] ?? 0;
    const precision = colSums[i] > 0 ? tp / colSums[i] : 0;
    const recall = rowSums[i] > 0 ? tp / rowSums[i] : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    return { precision, recall, f1 };
  });
  return { perClass, accuracy: total > 0 ? correct / total : null, total };
}
