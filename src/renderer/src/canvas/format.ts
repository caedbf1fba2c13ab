/** "1,296" style grouping, the way Keras's summary prints parameter counts. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
