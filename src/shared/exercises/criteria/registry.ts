import { z } from 'zod';
import { zLayerKind } from '../../graph/model-graph';
import { CLASS_RECALL_MIN } from './class-recall-min';
import { CONTAINS_KIND } from './contains-kind';
import type { CriterionDefinition, CriterionParamSpec } from './criterion-definition';
import { EXCLUDES_KIND } from './excludes-kind';
import { LAYERS_MAX } from './layers-max';
import { LOCKED_UNCHANGED } from './locked-unchanged';
import { OVERFITTING_GAP_MAX } from './overfitting-gap-max';
import { PARAMS_MAX } from './params-max';
import { PARAMS_MIN } from './params-min';
import { RECONSTRUCTION_ERROR_MAX } from './reconstruction-error-max';
import { VAL_ACCURACY_MIN } from './val-accuracy-min';
import { VAL_LOSS_MAX } from './val-loss-max';

/**
 * Every criterion an exercise can use, in the order the teacher's picker lists them. Adding a criterion means adding
 * one definition file and one line here; the file format, form, judge and CLI derive from this list.
 */
export const CRITERIA: readonly CriterionDefinition[] = [
  VAL_ACCURACY_MIN,
  VAL_LOSS_MAX,
  RECONSTRUCTION_ERROR_MAX,
  CLASS_RECALL_MIN,
  OVERFITTING_GAP_MAX,
  PARAMS_MAX,
  PARAMS_MIN,
  LAYERS_MAX,
  CONTAINS_KIND,
  EXCLUDES_KIND,
  LOCKED_UNCHANGED,
];

const BY_KIND = new Map(CRITERIA.map((definition) => [definition.kind, definition]));

export function getCriterionDefinition(kind: string): CriterionDefinition | undefined {
  return BY_KIND.get(kind);
}

/** The stored value of one parameter, derived from its spec (ranges included). */
function zParam(spec: CriterionParamSpec): z.ZodType {
  switch (spec.type) {
    case 'fraction':
    case 'number':
      return z.number().min(spec.min).max(spec.max);
    case 'integer':
      return z.number().int().min(spec.min).max(spec.max);
    case 'layer-kind':
      return zLayerKind;
    case 'class-name':
      return z.string().min(1).max(200).optional();
  }
}

/** Parameters a criterion of this definition must carry, as a strict zod object. */
export function zCriterionParams(definition: CriterionDefinition): z.ZodType {
  return z.strictObject(Object.fromEntries(definition.params.map((spec) => [spec.key, zParam(spec)])));
}

/** A new criterion of a kind with every parameter at its default, for the teacher's form. */
export function defaultCriterionParams(definition: CriterionDefinition): Record<string, number | string> {
  const params: Record<string, number | string> = {};
  for (const spec of definition.params) if (spec.type !== 'class-name') params[spec.key] = spec.default;
  return params;
}
