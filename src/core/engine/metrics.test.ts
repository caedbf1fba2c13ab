import { describe, expect, it } from 'vitest';
import { addToConfusionMatrix, emptyConfusionMatrix, perClassScores } from './metrics';

describe('classification metrics', () => {
  it('counts predictions into a matrix with rows as true classes', () => {
    const matrix = emptyConfusionMatrix(3);
    addToConfusionMatrix(matrix, [0, 0, 1, 2, 2], [0, 1, 1, 2, 0]);
    expect(matrix).toEqual([
      [1, 1, 0],
      [0, 1, 0],
      [1, 0, 1],
    ]);
  });

  it('computes precision, recall and F1 per class, with 0 for classes never predicted or never present', () => {
    const perClass = perClassScores([
      [5, 1, 0],
      [2, 7, 1],
      [0, 0, 4],
    ]);
    expect(perClass[0].precision).toBeCloseTo(5 / 7);
    expect(perClass[0].recall).toBeCloseTo(5 / 6);
    expect(perClass[1].f1).toBeCloseTo((2 * (7 / 8) * (7 / 10)) / (7 / 8 + 7 / 10));
    expect(
      perClassScores([
        [0, 3],
        [0, 2],
      ])[0],
    ).toEqual({ precision: 0, recall: 0, f1: 0 });
  });
});
