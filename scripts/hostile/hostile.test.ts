import { describe, expect, it } from 'vitest';
import { fuzzProjectFiles } from './project-files';

describe('npm run hostile, smoke version', () => {
  it('fuzzed project files (the hand-made hostile ones and 300 seeded mutations) crash and fail nothing', async () => {
    const result = await fuzzProjectFiles({ seed: 1, count: 300, summaryEvery: 25 });
    expect(result.details()).toEqual([]);
    expect(result.inputs).toBe(300);
    expect(result.crashes + result.failures).toBe(0);
  });
});
