import { analyzeGraph, type GraphAnalysis } from '../graph/analyze-graph';
import type { LayerKind, ModelGraph, Shape } from '../graph/model-graph';
import type { StartTrainingRequest } from '../ipc/training-protocol';
import type { BackendName, TrainConfig } from '../training/train-config';
import { getCriterionDefinition } from './criteria/registry';
import { getLayerDefinition } from '../layers/catalogue';
import { type Exercise, permittedKinds, resolveCriteria } from './exercise';
import { judgeCriterion, modelNodesOf } from './judge';
import { estimateModelCost, limitProblems } from './submission-limits';
import { applyTrainingRules, type RuledTraining } from './training-rules';

/** What a check reads from a submitted project file: the graph and the training settings, nothing else. */
export interface Submission {
  graph: ModelGraph;
  training: TrainConfig;
}

/** What a check needs to know about the exercise's data set before loading it. */
export interface ExerciseDataset {
  inputShape: Shape;
  classNames: string[];
}

export interface CheckPlan {
  analysis: GraphAnalysis;
  ruled: RuledTraining;
  /** Why the submission is not trained: graph errors, broken rules, limits, budgets. Empty when it is trained. */
  refusals: string[];
  /** The run to start when there are no refusals: the exercise's data, task and rules, the student's graph. */
  request: StartTrainingRequest | null;
}

const MAX_LISTED_GRAPH_PROBLEMS = 5;

/**
 * Everything a check decides before training, in bounded time whatever the submission: analyses the graph against
 * the exercise's data, applies the training rules, and refuses an invalid graph, a broken rule, a model over the
 * hard limits or over a budget criterion. Pure; the runner (src/core/exercises) trains what it returns.
 */
export function planCheck(
  exercise: Exercise,
  submission: Submission,
  dataset: ExerciseDataset,
  backend: BackendName = 'auto',
): CheckPlan {
  const analysis = analyzeGraph(submission.graph, {
    inputShape: dataset.inputShape,
    numClasses: dataset.classNames.length,
    task: exercise.task,
  });
  const ruled = applyTrainingRules(exercise.rules, submission.training);
  const refusals: string[] = [];
  const errors = analysis.problems.filter((problem) => problem.severity === 'error');
  for (const problem of errors.slice(0, MAX_LISTED_GRAPH_PROBLEMS))
    refusals.push(`the graph has a problem: ${problem.message}`);
  if (errors.length > MAX_LISTED_GRAPH_PROBLEMS)
    refusals.push(`the graph has ${errors.length - MAX_LISTED_GRAPH_PROBLEMS} more problems`);
  refusals.push(...ruled.violations);
  const modelNodes = modelNodesOf(submission.graph, analysis);
  const permitted = permittedKinds(exercise);
  const foreign = [...new Set(modelNodes.map((node) => node.kind).filter((kind) => !permitted.has(kind)))];
  if (foreign.length > 0) {
    const names = (kinds: Iterable<LayerKind>) =>
      [...kinds].map((kind) => getLayerDefinition(kind).displayName).join(', ');
    refusals.push(
      `the model uses ${names(foreign)}, which this exercise does not offer (it offers ${names(permitted)})`,
    );
  }
  if (errors.length === 0)
    refusals.push(...limitProblems(estimateModelCost(modelNodes, analysis), ruled.training.batchSize));
  const context = { exercise, graph: submission.graph, analysis, modelNodes, run: null };
  for (const criterion of resolveCriteria(exercise)) {
    if (!getCriterionDefinition(criterion.kind)?.gatesTraining) continue;
    const result = judgeCriterion(criterion, context);
    if (!result.passed) refusals.push(`over budget: ${result.description}, but measured ${result.measuredText}`);
  }
  const request: StartTrainingRequest | null =
    refusals.length > 0
      ? null
      : {
          graph: submission.graph,
          training: { ...ruled.training, backend },
          dataset: exercise.dataset,
          task: exercise.task,
        };
  return { analysis, ruled, refusals, request };
}

/**
 * What in the exercise does not fit its data set (a class the data does not have): the teacher's mistake, reported
 * when the exercise is loaded for a check rather than blamed on a student.
 */
export function exerciseDatasetProblems(exercise: Exercise, dataset: ExerciseDataset): string[] {
  const problems: string[] = [];
  for (const criterion of resolveCriteria(exercise)) {
    const definition = getCriterionDefinition(criterion.kind);
    for (const spec of definition?.params ?? []) {
      const value = criterion.params[spec.key];
      if (spec.type === 'class-name' && typeof value === 'string' && !dataset.classNames.includes(value)) {
        problems.push(
          `criterion ${criterion.id}: the data set has no class "${value}" (classes: ${dataset.classNames.join(', ')})`,
        );
      }
    }
  }
  return problems;
}
