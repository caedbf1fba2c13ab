import { lockedNodeChanges } from '../locked-nodes';
import { defineCriterion } from './criterion-definition';

export const LOCKED_UNCHANGED = defineCriterion<Record<string, never>>({
  kind: 'locked-unchanged',
  label: 'Locked nodes unchanged',
  measures:
    "How many locked nodes were removed, edited, rewired or stopped being the output, compared with the exercise's starting graph.",
  stage: 'static',
  comparison: 'at-most',
  unit: 'count',
  formatValue: (value) => `${value} changed`,
  params: [],
  describe: () => 'Locked nodes unchanged',
  target: () => 0,
  measure: (_params, { exercise, graph, analysis }) => {
    const changes = lockedNodeChanges(exercise, graph, analysis.outputId);
    return changes.length === 0
      ? { value: 0 }
      : { value: changes.length, detail: changes.map((change) => change.message).join('; ') };
  },
  exerciseProblem: (_params, exercise) =>
    (exercise.lockedNodeIds ?? []).length === 0 ? 'the exercise locks no nodes' : null,
});
