// @vitest-environment jsdom
import { describe, expect, it, afterEach } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { ConfusionMatrix } from './confusion-matrix';
import { classMetrics } from './class-metrics';

afterEach(cleanup);

const NAMES = ['cat', 'dog', 'owl'];
const MATRIX = [
  [5, 1, 0],
  [2, 7, 1],
  [0, 0, 4],
];

describe('ConfusionMatrix', () => {
  it('is a table named "Confusion matrix" with one row per true class and one count cell per predicted class', () => {
    render(<ConfusionMatrix classNames={NAMES} matrix={MATRIX} />);
    const table = screen.getByRole('table', { name: 'Confusion matrix' });
    const bodyRows = within(table)
      .getAllByRole('row')
      .filter((r) => within(r).queryAllByRole('cell').length > 0);
    expect(bodyRows).toHaveLength(3);
    bodyRows.forEach((row, i) => {
      expect(within(row).getByRole('rowheader').textContent).toBe(NAMES[i]);
      expect(
        within(row)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      ).toEqual(MATRIX[i].map(String));
    });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(expect.arrayContaining(NAMES));
  });

  it('normalizes by row on request and shows per-class scores and accuracy', () => {
    render(<ConfusionMatrix classNames={NAMES} matrix={MATRIX} />);
    fireEvent.click(screen.getByLabelText('Normalize by row'));
    const table = screen.getByRole('table', { name: 'Confusion matrix' });
    const dogRow = within(table).getByRole('rowheader', { name: 'dog' }).closest('tr')!;
    expect(
      within(dogRow)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['20.0%', '70.0%', '10.0%']);
    const scores = screen.getByRole('table', { name: 'Per-class scores' });
    expect(scores.textContent).toContain('80.0% of 20');
  });

  it('shows an empty state before the first epoch', () => {
    render(<ConfusionMatrix classNames={[]} matrix={[]} />);
    expect(screen.queryByRole('table', { name: 'Confusion matrix' })).toBeNull();
    expect(screen.getByText(/after the first epoch/)).toBeTruthy();
  });
});

describe('classMetrics', () => {
  it('computes precision, recall and F1 per class, with 0 for classes never predicted', () => {
    const { perClass, accuracy, total } = classMetrics(MATRIX);
    expect(total).toBe(20);
    expect(accuracy).toBeCloseTo(16 / 20);
    expect(perClass[0].precision).toBeCloseTo(5 / 7);
    expect(perClass[0].recall).toBeCloseTo(5 / 6);
    expect(perClass[1].f1).toBeCloseTo((2 * (7 / 8) * (7 / 10)) / (7 / 8 + 7 / 10));
    expect(
      classMetrics([
        [0, 3],
        [0, 2],
      ]).perClass[0],
    ).toEqual({ precision: 0, recall: 0, f1: 0 });
  });
});
