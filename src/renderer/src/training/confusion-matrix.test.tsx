// @vitest-environment jsdom
import { describe, expect, it, afterEach } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { ConfusionMatrix } from './confusion-matrix';

afterEach(cleanup);

const NAMES = ['cat', 'dog', 'owl'];
const MATRIX = [
  [5, 1, 0],
  [2, 7, 1],
  [0, 0, 4],
];
/** Scores as the engine sends them; deliberately not what the matrix gives, to prove they are shown as sent. */
const SENT = {
  perClass: NAMES.map((_, i) => ({ precision: 0.5 + i / 10, recall: 0.25, f1: 0.125 })),
  accuracy: 0.8,
  total: 20,
};

describe('ConfusionMatrix', () => {
  it('is a table named "Confusion matrix" with one row per true class and one count cell per predicted class', () => {
    render(<ConfusionMatrix classNames={NAMES} matrix={MATRIX} {...SENT} />);
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

  it('normalizes by row on request and shows the per-class scores and accuracy it was sent', () => {
    render(<ConfusionMatrix classNames={NAMES} matrix={MATRIX} {...SENT} />);
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
    const owl = within(scores).getByRole('rowheader', { name: 'owl' }).closest('tr')!;
    expect(
      within(owl)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['70.0%', '25.0%', '0.125']);
  });

  it('shows an empty state before the first epoch', () => {
    render(<ConfusionMatrix classNames={[]} matrix={[]} perClass={[]} accuracy={null} total={null} />);
    expect(screen.queryByRole('table', { name: 'Confusion matrix' })).toBeNull();
    expect(screen.getByText(/after the first epoch/)).toBeTruthy();
  });
});
