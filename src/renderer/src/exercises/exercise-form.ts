import { CRITERIA, defaultCriterionParams, getCriterionDefinition } from '../../../shared/exercises/criteria/registry';
import type { CriterionSpec, Exercise } from '../../../shared/exercises/exercise';
import { exerciseFromDraft } from '../../../shared/exercises/exercise-project';
import type { TrainingRules } from '../../../shared/exercises/training-rules';
import type { LayerKind } from '../../../shared/graph/model-graph';
import type { ProjectDoc } from '../store/editor-store';

/** What the teacher's "Save as exercise…" form holds; the project supplies the starting graph, settings and data. */
export interface ExerciseForm {
  id: string;
  title: string;
  summary: string;
  instructions: string;
  lockedNodeIds: string[];
  /** null: every kind (the file leaves `allowedKinds` out). */
  allowedKinds: LayerKind[] | null;
  seed: number;
  validationSplit: number;
  maxEpochs: number;
  /** Train every check with the project's optimizer, or leave the choice to the student. */
  fixOptimizer: boolean;
  fixLoss: boolean;
  /** The range the student's learning rate must keep; null: any. */
  learningRate: { min: number; max: number } | null;
  batchSize: { min: number; max: number } | null;
  criteria: CriterionSpec[];
}

/** "Course CNN (v2)" → "course-cnn-v2": a valid exercise id from the project's name. */
export function slugify(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
  return slug || 'exercise';
}

/** A criterion of `kind` with its parameters at their defaults, one point and no hint. */
export function newCriterion(kind: string): CriterionSpec {
  const definition = getCriterionDefinition(kind) ?? CRITERIA[0];
  return { kind: definition.kind, params: defaultCriterionParams(definition), points: 1, hint: '' };
}

/** The form as it opens: the project's settings as the rules, and the criterion that fits the project's task. */
export function initialForm(doc: ProjectDoc, projectName: string): ExerciseForm {
  const { training } = doc;
  const validationSplit = Math.min(0.9, Math.max(0.05, training.validationSplit || 0.2));
  return {
    id: slugify(projectName),
    title: projectName,
    summary: '',
    instructions: `# ${projectName}\n\nWhat to build, and what a good result looks like.\n`,
    lockedNodeIds: [],
    allowedKinds: null,
    seed: training.seed,
    validationSplit,
    maxEpochs: Math.min(training.epochs, 1000),
    fixOptimizer: false,
    fixLoss: true,
    learningRate: null,
    batchSize: null,
    criteria: [newCriterion(doc.task === 'autoencoder' ? 'reconstruction-error-max' : 'val-accuracy-min')],
  };
}

export function formRules(form: ExerciseForm, doc: ProjectDoc): TrainingRules {
  return {
    seed: form.seed,
    validationSplit: form.validationSplit,
    maxEpochs: form.maxEpochs,
    ...(form.fixOptimizer ? { fixedOptimizer: doc.training.optimizer } : {}),
    ...(form.fixLoss ? { fixedLoss: doc.training.loss } : {}),
    ...(form.learningRate ? { learningRate: form.learningRate } : {}),
    ...(form.batchSize ? { batchSize: form.batchSize } : {}),
  };
}

/**
 * The exercise the form describes, checked exactly as a file would be read (`exerciseFromDraft`), or the first
 * problem with its place in the file (`criteria[1].params.min: …`). The starting project is the teacher's, with the
 * seed and validation split set to the rules' (a start that broke its own rules would not be a valid exercise).
 */
export function formToExercise(
  form: ExerciseForm,
  doc: ProjectDoc,
): { ok: true; exercise: Exercise } | { ok: false; error: string } {
  const rules = formRules(form, doc);
  const training = {
    ...doc.training,
    seed: rules.seed,
    validationSplit: rules.validationSplit,
    epochs: Math.min(doc.training.epochs, rules.maxEpochs),
  };
  delete training.backend;
  return exerciseFromDraft({
    id: form.id,
    title: form.title,
    summary: form.summary,
    instructions: form.instructions,
    task: doc.task,
    project: { graph: doc.graph, training, dataset: doc.dataset },
    lockedNodeIds: form.lockedNodeIds,
    ...(form.allowedKinds ? { allowedKinds: form.allowedKinds } : {}),
    rules,
    criteria: form.criteria.map(({ hint, ...rest }) => (hint ? { ...rest, hint } : rest)),
  });
}
