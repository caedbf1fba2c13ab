import { describe, expect, it } from 'vitest';
import { ViewBudget } from './view-budget';

describe('ViewBudget', () => {
  it('lets the views spend their share of the training time, and no more', () => {
    let now = 0;
    const budget = new ViewBudget(() => now, 0.05);
    budget.start();
    now = 1000;
    expect(budget.allows()).toBe(true);
    budget.measure(() => {
      now += 60;
    });
    // 60 ms of views against 1000 ms of training: over 5 %.
    expect(budget.allows()).toBe(false);
    now += 200;
    expect(budget.allows()).toBe(true);
  });

  it('does not count paused time as training', () => {
    let now = 0;
    const budget = new ViewBudget(() => now, 0.05);
    budget.start();
    now = 100;
    budget.measure(() => {
      now += 10;
    });
    now += 10_000;
    budget.exclude(10_000);
    expect(budget.allows()).toBe(false);
  });
});
