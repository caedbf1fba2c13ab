import type { ExerciseResult } from '../../../shared/exercises/exercise-result';
import { countOf } from '../../../shared/text/plural';
import { formatPoints } from './exercise-progress';

/**
 * A check's verdict: the score, then one list item per criterion saying passed or failed, what was measured against
 * the target, the points, and the hint where it failed. The list's accessible name, `Exercise checklist`, is a
 * contract (tests outside the project find it by that name).
 */
export function ExerciseChecklist(props: { result: ExerciseResult; stale: boolean }) {
  const { result } = props;
  return (
    <section className="exercise-result" aria-label="Check result">
      <p className={`exercise-verdict${result.passed ? ' is-passed' : ' is-failed'}`} role="status">
        <strong>{result.passed ? 'Passed' : 'Not passed yet'}</strong>: {formatPoints(result.score)} of{' '}
        {countOf(result.maxScore, 'point')}
        {props.stale && <span className="muted"> (the graph or settings have changed since: check again)</span>}
      </p>
      {result.problems.length > 0 && (
        <ul className="exercise-problems" aria-label="Why it was not trained">
          {result.problems.map((problem, i) => (
            <li key={i}>{problem}</li>
          ))}
        </ul>
      )}
      <ul className="exercise-checklist" aria-label="Exercise checklist">
        {result.criteria.map((criterion) => (
          <li key={criterion.id} className={criterion.passed ? 'is-passed' : 'is-failed'} data-criterion={criterion.id}>
            <span className="criterion-mark" aria-hidden="true">
              {criterion.passed ? '✓' : '✗'}
            </span>
            <span className="criterion-body">
              <span className="criterion-head">
                <span className="visually-hidden">{criterion.passed ? 'Passed: ' : 'Failed: '}</span>
                {criterion.description}
                <span className="criterion-points">
                  {criterion.passed ? formatPoints(criterion.points) : '0'}/{countOf(criterion.points, 'point')}
                </span>
              </span>
              <span className="criterion-measured">
                Measured {criterion.measuredText}, target {criterion.targetText}
              </span>
              {!criterion.passed && criterion.hint && <span className="criterion-hint">Hint: {criterion.hint}</span>}
            </span>
          </li>
        ))}
      </ul>
      {result.adjustments.length > 0 && (
        <details className="exercise-adjustments">
          <summary>How the check trained</summary>
          <ul>
            {result.adjustments.map((adjustment, i) => (
              <li key={i}>{adjustment}</li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
