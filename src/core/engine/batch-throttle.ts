/**
 * Lets batch events through at most `perSecond` times a second, whatever the batch rate, always passing the first:
 * a fast xor run makes thousands of batches a second, which would flood IPC and the charts.
 */
export function createBatchThrottle(perSecond = 10, now: () => number = () => performance.now()): () => boolean {
  const interval = 1000 / perSecond;
  let last = -Infinity;
  return () => {
    const time = now();
    if (time - last < interval) return false;
    last = time;
    return true;
  };
}
