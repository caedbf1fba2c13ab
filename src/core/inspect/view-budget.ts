/**
 * The share of a run's training time the views may take: recording (gradient norms beyond one batch per epoch, the
 * snapshots' boundary grids) and answering the panel's queries. Within it a run with every view open trains under
 * 10 % slower than one without views, whatever the model's size (`npm run bench:views` measures it).
 */
export const VIEW_TIME_SHARE = 0.05;

/**
 * Keeps the time spent on the views within VIEW_TIME_SHARE of the time spent training. Optional view work asks
 * `allows()` first and runs through `measure`; a query that has to wait is answered at a later batch boundary.
 */
export class ViewBudget {
  private viewMs = 0;
  private excludedMs = 0;
  private startMs: number | null = null;

  constructor(
    private readonly now: () => number,
    private readonly share: number = VIEW_TIME_SHARE,
  ) {}

  /** Training starts now. */
  start(): void {
    this.startMs = this.now();
  }

  /** Time that was neither training nor views (paused). */
  exclude(ms: number): void {
    this.excludedMs += ms;
  }

  /** Whether the views may spend more time now. */
  allows(): boolean {
    if (this.startMs === null) return true;
    const trainingMs = this.now() - this.startMs - this.excludedMs - this.viewMs;
    return this.viewMs <= this.share * trainingMs;
  }

  measure<T>(work: () => T): T {
    const start = this.now();
    try {
      return work();
    } finally {
      this.viewMs += this.now() - start;
    }
  }

  async measureAsync<T>(work: () => Promise<T>): Promise<T> {
    const start = this.now();
    try {
      return await work();
    } finally {
      this.viewMs += this.now() - start;
    }
  }
}
