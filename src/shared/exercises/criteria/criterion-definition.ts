import type { GraphAnalysis } from '../../graph/analyze-graph';
import type { GraphNode, LayerKind, ModelGraph } from '../../graph/model-graph';
import type { Exercise } from '../exercise';
import type { RunMeasurements } from '../run-measurements';

/**
 * One parameter of a criterion, as the teacher's form shows it and the exercise file stores it. The zod schema that
 * validates a criterion in a file is derived from these, so the form, the file check and the judge agree.
 */
export type CriterionParamSpec =
  /** A share in [min, max] stored as a fraction (0.9) and shown as a percentage (90 %). */
  | { key: string; label: string; type: 'fraction'; min: number; max: number; default: number; help: string }
  /** A plain number such as a loss, stored and shown as is. */
  | { key: string; label: string; type: 'number'; min: number; max: number; default: number; help: string }
  | { key: string; label: string; type: 'integer'; min: number; max: number; default: number; help: string }
  /** One of the layer catalogue's kinds. */
  | { key: string; label: string; type: 'layer-kind'; default: LayerKind; help: string }
  /** One of the exercise dataset's class names; left out, the criterion applies to every class. */
  | { key: string; label: string; type: 'class-name'; help: string };

export type CriterionParamValue = number | string | undefined;
export type CriterionParams = Record<string, CriterionParamValue>;

/** How a measured value and its target are written for people. */
export type MeasureUnit =
  /** 0.912 → "91.2 %" */
  | 'fraction'
  /** 41773 → "41,773" */
  | 'count'
  /** 0.01234 → "0.01234" (four significant digits) */
  | 'loss';

/** Everything a criterion may look at: the exercise, the submitted graph and its analysis, and the run. */
export interface JudgeContext {
  exercise: Exercise;
  graph: ModelGraph;
  analysis: GraphAnalysis;
  /** The nodes the model is built from (on the Input → output path); dangling nodes are left out. */
  modelNodes: readonly GraphNode[];
  /** The check's training run; null for static criteria, or when training was refused or failed. */
  run: RunMeasurements | null;
}

export interface Measurement {
  /** null when it could not be measured (no run, or no such class in the run). */
  value: number | null;
  /** Says more than the number, e.g. which class has the lowest recall or which locked node changed. */
  detail?: string;
}

/**
 * One kind of check an exercise can make. Adding a criterion means adding one definition file and one line in the
 * registry: the file format, the teacher's form, the judge, the checklist and the CLI all read it from there.
 */
export interface CriterionDefinition<P extends CriterionParams = CriterionParams> {
  /** Stored in exercise files (`"kind": "val-accuracy-min"`); never renamed. */
  kind: string;
  /** Name in the teacher's criterion picker. */
  label: string;
  /** What is measured and when, for the teacher's form and the README. */
  measures: string;
  /** `static` criteria read only the graph and are judged before training; `trained` ones read the run. */
  stage: 'static' | 'trained';
  /** How the measured value must compare with the target to pass. */
  comparison: 'at-least' | 'at-most';
  unit: MeasureUnit;
  /** Writes a measured value or target when the unit alone says too little ("2 changed" rather than "2"). */
  formatValue?(value: number): string;
  params: readonly CriterionParamSpec[];
  /** The checklist line, e.g. "Validation accuracy ≥ 85.0 %". */
  describe(params: P): string;
  target(params: P): number;
  measure(params: P, context: JudgeContext): Measurement;
  /**
   * Why this criterion cannot be judged in this exercise (e.g. accuracy in an autoencoder exercise), or null.
   * Checked when an exercise file is read, so a teacher learns it before any student does.
   */
  exerciseProblem?(params: P, exercise: Exercise): string | null;
  /** A budget: when this static criterion fails the submission is refused before training (bounded time and memory). */
  gatesTraining?: boolean;
}

/** Keeps each definition's own parameter type while the registry holds them side by side. */
export function defineCriterion<P extends CriterionParams>(definition: CriterionDefinition<P>): CriterionDefinition {
  return definition as unknown as CriterionDefinition;
}
