/**
 * "1 layer", "2 layers", "0 errors": a count with its noun, singular only for exactly one. `plural` is for nouns
 * that don't just take an "s" ("1 class", "3 classes"). Every message that counts something uses it.
 */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? singular : plural}`;
}
