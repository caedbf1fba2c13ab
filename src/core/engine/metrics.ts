/** Classification metrics computed from a confusion matrix (rows = true class, columns = predicted class). */
import type { ClassScores } from '../../shared/ipc/training-events';

export function emptyConfusionMatrix(classes: number): number[][] {
  return Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
}

export function addToConfusionMatrix(matrix: number[][], truth: ArrayLike<number>, predicted: ArrayLike<number>): void {
  for (let i = 0; i < truth.length; i++) matrix[truth[i]][predicted[i]] += 1;
}

/** Per-class precision, recall and F1; 0 where a ratio has no denominator (a class never predicted or never seen). */
export function perClassScores(matrix: number[][]): ClassScores[] {
  return matrix.map((row, k) => {
    const truePositives = row[k];
    const actual = row.reduce((sum, count) => sum + count, 0);
    const predicted = matrix.reduce((sum, other) => sum + other[k], 0);
    const precision = predicted === 0 ? 0 : truePositives / predicted;
    const recall = actual === 0 ? 0 : truePositives / actual;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { precision, recall, f1 };
  });
}
