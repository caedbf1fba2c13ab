import { z } from 'zod';
import { LAYER_KINDS, type LayerKind, zLayerKind, zModelGraph } from '../graph/model-graph';
import { zDatasetRef } from '../training/dataset';
import { zTask } from '../training/task';
import { zTrainConfig } from '../training/train-config';
import type { CriterionParams } from './criteria/criterion-definition';
import { CRITERIA, getCriterionDefinition, zCriterionParams } from './criteria/registry';
import { instructionsProblems } from './instructions-markdown';
import { applyTrainingRules, zTrainingRules } from './training-rules';

export const EXERCISE_FORMAT = 'layerlab-exercise' as const;
export const EXERCISE_VERSION = 1 as const;
/** How exercise files are named, so they are told apart from projects (`*.layerlab.json`). */
export const EXERCISE_FILE_SUFFIX = '.layerlab-exercise.json';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const zSlug = z
  .string()
  .max(64)
  .regex(SLUG, { message: 'use lowercase letters, digits and single hyphens, e.g. "cnn-budget"' });

/** One criterion as stored: which definition (`kind`), its parameters, what it is worth and the hint. */
export const zCriterionSpec = z.strictObject({
  /** Names the criterion in results and in the grade sheet's column; defaults to the kind (`kind-2` for a repeat). */
  id: zSlug.optional(),
  kind: z.string(),
  /** Checked against the kind's parameter specs (see criteria/registry.ts). */
  params: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
  /** Points earned when it passes; 1 when left out. */
  points: z.number().min(0).max(1000).optional(),
  /** Shown to the student when the criterion fails: a nudge, not the solution. */
  hint: z.string().max(2000).optional(),
});
export type CriterionSpec = z.infer<typeof zCriterionSpec>;

/** Limits that keep an exercise file small enough to read at once and to show. */
const MAX_INSTRUCTIONS = 100_000;
const MAX_START_NODES = 500;

/**
 * An exercise (`*.layerlab-exercise.json`): what to build, on which data, under which training rules, and how it is
 * judged. It carries no solution: a teacher's reference solution is an ordinary project file.
 */
export const zExercise = z
  .strictObject({
    format: z.literal(EXERCISE_FORMAT),
    version: z.literal(EXERCISE_VERSION),
    /** Stable name: results, grade sheets and the app's progress refer to the exercise by it. */
    id: zSlug,
    title: z.string().trim().min(1).max(120),
    /** One line for the exercise list. */
    summary: z.string().trim().min(1).max(300),
    /** For students, in Markdown: no raw HTML, no remote images (see instructions-markdown.ts). */
    instructions: z.string().max(MAX_INSTRUCTIONS),
    /** What the model learns; stated by every exercise, so a check never depends on how a project says it. */
    task: zTask,
    /** A built-in data set, so every student and the teacher train on the same samples. */
    dataset: zDatasetRef.refine((ref) => ref.kind === 'builtin', {
      message: 'an exercise uses a built-in data set (a file path would differ between machines)',
    }),
    /** What the student starts from: a graph (empty, partial or complete) and training settings within the rules. */
    start: z.strictObject({ graph: zModelGraph, training: zTrainConfig }),
    /** Nodes of the starting graph the student cannot delete, rewire or edit. */
    lockedNodeIds: z.array(z.string().min(1)).max(MAX_START_NODES).optional(),
    /** The layer kinds the palette offers; every kind when left out, none when empty. */
    allowedKinds: z.array(zLayerKind).optional(),
    rules: zTrainingRules,
    criteria: z.array(zCriterionSpec).min(1).max(50),
  })
  .superRefine((exercise, ctx) => {
    const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    for (const problem of instructionsProblems(exercise.instructions)) issue(['instructions'], problem);
    const { graph } = exercise.start;
    if (graph.nodes.length > MAX_START_NODES) issue(['start', 'graph', 'nodes'], `more than ${MAX_START_NODES} nodes`);
    const nodeIds = new Set(graph.nodes.map((node) => node.id));
    (exercise.lockedNodeIds ?? []).forEach((id, index) => {
      if (!nodeIds.has(id)) issue(['lockedNodeIds', index], `no node "${id}" in the starting graph`);
    });
    if (exercise.allowedKinds !== undefined && !exercise.allowedKinds.includes('Input') && !graph.nodes.some(isInput))
      issue(['allowedKinds'], 'the starting graph has no Input, so Input must be an allowed kind');
    const { violations } = applyTrainingRules(exercise.rules, exercise.start.training);
    for (const violation of violations) issue(['start', 'training'], `breaks the exercise's rules: ${violation}`);
    exercise.criteria.forEach((spec, index) => {
      const definition = getCriterionDefinition(spec.kind);
      if (definition === undefined) {
        issue(
          ['criteria', index, 'kind'],
          `"${spec.kind}" is not a criterion (known: ${CRITERIA.map((c) => c.kind).join(', ')})`,
        );
        return;
      }
      const params = zCriterionParams(definition).safeParse(spec.params ?? {});
      if (!params.success) {
        for (const paramIssue of params.error.issues)
          issue(['criteria', index, 'params', ...paramIssue.path], paramIssue.message);
        return;
      }
      const problem = definition.exerciseProblem?.(params.data as CriterionParams, exercise as Exercise);
      if (problem) issue(['criteria', index], `${spec.kind}: ${problem}`);
    });
    const ids = new Map<string, number>();
    resolveCriterionIds(exercise.criteria).forEach((id, index) => {
      if (ids.has(id)) issue(['criteria', index, 'id'], `"${id}" is already the id of criteria[${ids.get(id)}]`);
      else ids.set(id, index);
    });
  });

export type Exercise = z.infer<typeof zExercise>;

function isInput(node: { kind: string }): boolean {
  return node.kind === 'Input';
}

/** A criterion with its defaults filled in: what the judge works with. */
export interface ResolvedCriterion {
  id: string;
  kind: string;
  params: Record<string, number | string>;
  points: number;
  hint: string;
}

/** The exercise's criteria with ids (`kind`, `kind-2`, … where none is given), points and hints filled in. */
export function resolveCriteria(exercise: Exercise): ResolvedCriterion[] {
  const ids = resolveCriterionIds(exercise.criteria);
  return exercise.criteria.map((spec, index) => ({
    id: ids[index],
    kind: spec.kind,
    params: spec.params ?? {},
    points: spec.points ?? 1,
    hint: spec.hint ?? '',
  }));
}

function resolveCriterionIds(criteria: readonly CriterionSpec[]): string[] {
  const seen = new Map<string, number>();
  return criteria.map((spec) => {
    if (spec.id !== undefined) return spec.id;
    const count = (seen.get(spec.kind) ?? 0) + 1;
    seen.set(spec.kind, count);
    return count === 1 ? spec.kind : `${spec.kind}-${count}`;
  });
}

/** The layer kinds the student may add (the palette): the exercise's list, or every kind. */
export function allowedKinds(exercise: Exercise): readonly LayerKind[] {
  return exercise.allowedKinds ?? LAYER_KINDS;
}

/** The kinds a submitted model may contain: those the palette offers and those already in the starting graph. */
export function permittedKinds(exercise: Exercise): ReadonlySet<LayerKind> {
  return new Set([...allowedKinds(exercise), ...exercise.start.graph.nodes.map((node) => node.kind)]);
}
