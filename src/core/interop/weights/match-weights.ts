import { formatShape, shapesEqual } from '../../../shared/layers/shape-math';
import type { LayerPlan } from '../export-plan';
import { InteropError } from '../interop-error';
import type { LayerWeights, NamedWeights } from './named-weights';
import { weightSpecs } from './weight-specs';

/** The outcome of giving a model weights from elsewhere, layer by layer, matched by layer name and shape. */
export interface WeightMatch {
  /** Layers whose every weight was found with the expected shape; their weights are in `weights`. */
  matched: string[];
  /** Layers that hold weights but have none in the source (they keep their initial values). */
  missing: string[];
  /** Layers found in the source whose weights do not fit, with the reason. */
  mismatched: { layer: string; reason: string }[];
  /** Layers of the source that no layer of the model takes weights from. */
  unused: string[];
  /** The matched layers' weights, by layer name. */
  weights: NamedWeights;
}

/**
 * Matches `source` against the model's layers by name, then checks each weight's role and shape. Partial matches
 * are allowed here (a run that starts from an earlier model's weights reuses what fits); `requireAllWeights`
 * insists on a full match.
 */
export function matchWeights(plan: Pick<LayerPlan, 'layers'>, source: NamedWeights): WeightMatch {
  const match: WeightMatch = { matched: [], missing: [], mismatched: [], unused: [], weights: new Map() };
  const taken = new Set<string>();
  for (const layer of plan.layers) {
    const specs = weightSpecs(layer);
    if (specs.length === 0) continue;
    const found = source.get(layer.name);
    if (found == null) {
      match.missing.push(layer.name);
      continue;
    }
    taken.add(layer.name);
    const problems: string[] = [];
    const kept: LayerWeights = new Map();
    for (const spec of specs) {
      const tensor = found.get(spec.role);
      if (tensor == null) problems.push(`no ${spec.role}`);
      else if (!shapesEqual(tensor.shape, spec.shape))
        problems.push(`${spec.role} is ${formatShape(tensor.shape)}, expected ${formatShape(spec.shape)}`);
      else kept.set(spec.role, tensor);
    }
    const extra = [...found.keys()].filter((role) => !specs.some((spec) => spec.role === role));
    if (extra.length > 0) problems.push(`unexpected ${extra.join(', ')}`);
    if (problems.length > 0) match.mismatched.push({ layer: layer.name, reason: problems.join('; ') });
    else {
      match.matched.push(layer.name);
      match.weights.set(layer.name, kept);
    }
  }
  for (const name of source.keys()) if (!taken.has(name)) match.unused.push(name);
  return match;
}

/** The weights of every layer, or an error naming each layer that is missing or does not fit. */
export function requireAllWeights(match: WeightMatch, origin: string): NamedWeights {
  const problems = [
    ...match.missing.map((layer) => `layer "${layer}" has no weights there`),
    ...match.mismatched.map(({ layer, reason }) => `layer "${layer}": ${reason}`),
  ];
  if (problems.length > 0) {
    throw new InteropError(`The weights in ${origin} do not fit this model: ${problems.join('; ')}`);
  }
  return match.weights;
}

/** One line per outcome, for the CLI and the app's "reused weights" list. */
export function describeWeightMatch(match: WeightMatch): string[] {
  const lines: string[] = [];
  if (match.matched.length > 0) lines.push(`reused: ${match.matched.join(', ')}`);
  if (match.missing.length > 0) lines.push(`not found (initialized fresh): ${match.missing.join(', ')}`);
  for (const { layer, reason } of match.mismatched) lines.push(`not reused: ${layer} (${reason})`);
  if (match.unused.length > 0) lines.push(`ignored from the source: ${match.unused.join(', ')}`);
  return lines;
}
