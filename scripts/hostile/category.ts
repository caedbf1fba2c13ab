/**
 * One category of the hostile review (`npm run hostile`): how many hostile inputs were tried, how many crashed what
 * they were thrown at (a process died, or a function that promises never to throw threw), and how many were handled
 * wrongly without crashing (a file outside the allowlist read, a torn save, memory over the budget, no answer in
 * time). Each category keeps a few examples of what went wrong, for the report.
 */
export class CategoryResult {
  inputs = 0;
  crashes = 0;
  failures = 0;
  /** Figures worth printing beside the counts (peak RSS, slowest input). */
  readonly figures: string[] = [];
  private readonly examples: string[] = [];

  constructor(readonly name: string) {}

  tried(count = 1): void {
    this.inputs += count;
  }

  crash(what: string): void {
    this.crashes++;
    this.remember(`crash: ${what}`);
  }

  fail(what: string): void {
    this.failures++;
    this.remember(`failure: ${what}`);
  }

  line(): string {
    const figures = this.figures.length > 0 ? ` (${this.figures.join(', ')})` : '';
    return (
      `${this.name}: ${this.inputs.toLocaleString('en-US')} inputs tried / ${this.crashes} crashes / ` +
      `${this.failures} failures${figures}`
    );
  }

  details(): string[] {
    return this.examples;
  }

  private remember(text: string): void {
    if (this.examples.length < 5) this.examples.push(text.length > 300 ? `${text.slice(0, 300)}…` : text);
  }
}

/** Resolves with `work`'s value, or with 'timeout' after `ms`. */
export async function within<T>(ms: number, work: Promise<T>): Promise<T | 'timeout'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export const MiB = 1024 * 1024;
export const GiB = 1024 * MiB;
