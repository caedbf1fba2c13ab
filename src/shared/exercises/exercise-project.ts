import { describeIssues, PROJECT_FORMAT, PROJECT_VERSION, type ProjectFile } from '../graph/project-file';
import type { LayerKind } from '../graph/model-graph';
import type { DatasetRef } from '../training/dataset';
import type { Task } from '../training/task';
import { EXERCISE_FORMAT, EXERCISE_VERSION, type CriterionSpec, type Exercise, zExercise } from './exercise';
import type { TrainingRules } from './training-rules';

/** The project a student starts from: the exercise's starting graph and settings on its data set. */
export function exerciseStartProject(exercise: Exercise): ProjectFile {
  return {
    format: PROJECT_FORMAT,
    version: PROJECT_VERSION,
    graph: structuredClone(exercise.start.graph),
    training: { ...exercise.start.training },
    dataset: structuredClone(exercise.dataset),
    task: exercise.task,
  };
}

/** What the teacher's "Save as exercise…" form collects; the project supplies the starting graph and settings. */
export interface ExerciseDraft {
  id: string;
  title: string;
  summary: string;
  instructions: string;
  task: Task;
  project: { graph: ProjectFile['graph']; training: ProjectFile['training']; dataset: DatasetRef };
  lockedNodeIds?: string[];
  allowedKinds?: LayerKind[];
  rules: TrainingRules;
  criteria: CriterionSpec[];
}

/**
 * Turns a teacher's project and choices into an exercise, checked exactly as a file would be: the form shows the
 * error (with its path, e.g. `criteria[1].params.min`) instead of saving an exercise no one can open.
 */
export function exerciseFromDraft(
  draft: ExerciseDraft,
): { ok: true; exercise: Exercise } | { ok: false; error: string } {
  const candidate = {
    format: EXERCISE_FORMAT,
    version: EXERCISE_VERSION,
    id: draft.id,
    title: draft.title,
    summary: draft.summary,
    instructions: draft.instructions,
    task: draft.task,
    dataset: draft.project.dataset,
    start: { graph: draft.project.graph, training: draft.project.training },
    ...(draft.lockedNodeIds && draft.lockedNodeIds.length > 0 ? { lockedNodeIds: draft.lockedNodeIds } : {}),
    ...(draft.allowedKinds ? { allowedKinds: draft.allowedKinds } : {}),
    rules: draft.rules,
    criteria: draft.criteria,
  };
  const parsed = zExercise.safeParse(candidate);
  return parsed.success
    ? { ok: true, exercise: parsed.data }
    : { ok: false, error: describeIssues(parsed.error.issues, candidate) };
}
