import type { GraphAnalysis } from '../graph/analyze-graph';
import type { GraphNode, ModelGraph } from '../graph/model-graph';
import type { CriterionDefinition, JudgeContext, Measurement } from './criteria/criterion-definition';
import { formatMeasure, COMPARISON_SIGN } from './criteria/format-measure';
import { getCriterionDefinition } from './criteria/registry';
import { type Exercise, type ResolvedCriterion, resolveCriteria } from './exercise';
import type { CheckRunInfo, CriterionResult, ExerciseResult } from './exercise-result';
import type { RunMeasurements } from './run-measurements';

export interface JudgeInput {
  exercise: Exercise;
  /** The submitted graph and its analysis against the exercise's data set and task. */
  graph: ModelGraph;
  analysis: GraphAnalysis;
  /** What the check's run measured; null when the submission was not trained or training failed. */
  run: RunMeasurements | null;
  /** Why it was not trained or why training failed (see planCheck and the runner). */
  problems?: readonly string[];
  adjustments?: readonly string[];
  training?: CheckRunInfo | null;
}

/**
 * Judges a submission: every criterion measured against its target, the points it earns, and the hint where it
 * fails. Pure: the runner gives it what training measured, the app's checklist and the CLI show what it returns.
 */
export function judgeSubmission(input: JudgeInput): ExerciseResult {
  const { exercise, run } = input;
  const context: JudgeContext = {
    exercise,
    graph: input.graph,
    analysis: input.analysis,
    modelNodes: modelNodesOf(input.graph, input.analysis),
    run,
  };
  const criteria = resolveCriteria(exercise).map((criterion) => judgeCriterion(criterion, context));
  const problems = [...(input.problems ?? [])];
  const score = criteria.reduce((sum, criterion) => sum + (criterion.passed ? criterion.points : 0), 0);
  return {
    exercise: exercise.id,
    title: exercise.title,
    passed: problems.length === 0 && criteria.every((criterion) => criterion.passed),
    score,
    maxScore: criteria.reduce((sum, criterion) => sum + criterion.points, 0),
    criteria,
    problems,
    adjustments: [...(input.adjustments ?? [])],
    run: input.training ?? null,
  };
}

/** One criterion against the context; trained criteria without a run are failed as "not measured". */
export function judgeCriterion(criterion: ResolvedCriterion, context: JudgeContext): CriterionResult {
  const definition = getCriterionDefinition(criterion.kind) as CriterionDefinition;
  const target = definition.target(criterion.params);
  const measurement: Measurement =
    definition.stage === 'trained' && context.run === null
      ? { value: null }
      : definition.measure(criterion.params, context);
  const { value, detail } = measurement;
  const passed = value !== null && (definition.comparison === 'at-least' ? value >= target : value <= target);
  const format = definition.formatValue ?? ((number: number) => formatMeasure(number, definition.unit));
  const shown = value === null ? 'not measured' : format(value);
  return {
    id: criterion.id,
    kind: criterion.kind,
    description: definition.describe(criterion.params),
    passed,
    measured: value,
    target,
    points: criterion.points,
    hint: criterion.hint,
    measuredText: detail ? `${shown} (${detail})` : shown,
    targetText: `${COMPARISON_SIGN[definition.comparison]} ${format(target)}`,
  };
}

/** The nodes the model is built from: those in topological order that are not dangling off the Input → output path. */
export function modelNodesOf(graph: ModelGraph, analysis: GraphAnalysis): GraphNode[] {
  const dangling = new Set(
    analysis.problems.filter((problem) => problem.code === 'dangling-node').map((problem) => problem.nodeId),
  );
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  return analysis.order.filter((id) => !dangling.has(id)).flatMap((id) => byId.get(id) ?? []);
}
