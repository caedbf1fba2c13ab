/**
 * How big a graph LayerLab analyses and builds. Checked before anything is built, so a hostile or mistyped project
 * (10,000 layers, `units: 1e9`) becomes a readable problem instead of gigabytes of allocation or an internal error.
 */

/** Most layers in a graph: the deepest well-known networks (ResNet-152) have about 500. */
export const MAX_GRAPH_NODES = 1000;
/** Most connections in a graph. */
export const MAX_GRAPH_EDGES = 4000;
/** Most parameters one layer may hold: 100 million float32 weights are 400 MB, before the optimizer's copies. */
export const MAX_LAYER_PARAMS = 100_000_000;
/** Most parameters a model may hold (VGG-16 has 138 million). */
export const MAX_TOTAL_PARAMS = 200_000_000;
/** Most values one layer may output per sample: 16 million float32 values are 64 MB per sample of a batch. */
export const MAX_OUTPUT_ELEMENTS = 16_000_000;
/** How many node names a message about many nodes lists before "and N more". */
export const MAX_LISTED_NODES = 8;

/** `a, b, c and 9,997 more`: a list that stays short however many items there are. */
export function listCapped(items: readonly string[], max = MAX_LISTED_NODES): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${(items.length - max).toLocaleString('en-US')} more`;
}

/** 1,234,567 (or "more than 10^15" for what no number format should print digit by digit). */
export function formatCount(count: number): string {
  return count < 1e15 ? Math.round(count).toLocaleString('en-US') : `about 10^${Math.floor(Math.log10(count))}`;
}
