import type { RunRecord } from './training-session';

/**
 * Which layers of a run started from other weights ("Start from") took them and which started fresh, with the
 * reason: one item per layer that holds weights, as the host matched them (by layer name and shape).
 */
export function ReusedWeights(props: { run: RunRecord }) {
  const { run } = props;
  const reuse = run.reuse;
  if (!reuse) return null;
  const count = reuse.reused.length;
  return (
    <section className="reused-weights" aria-label="Reused weights">
      <p className="small">
        Run {run.key} started from the weights of {reuse.source}: {count} layer{count === 1 ? '' : 's'} reused.
      </p>
      <ul>
        {reuse.reused.map((layer) => (
          <li key={layer} data-reused="true">
            <strong>{layer}</strong>: reused
          </li>
        ))}
        {reuse.skipped.map(({ layer, reason }) => (
          <li key={layer} data-reused="false">
            <strong>{layer}</strong>: not reused ({reason}); initialized fresh
          </li>
        ))}
      </ul>
      {reuse.unused.length > 0 && (
        <p className="small muted">
          Left unused from {reuse.source}: {reuse.unused.join(', ')}.
        </p>
      )}
    </section>
  );
}
