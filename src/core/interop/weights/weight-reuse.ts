import { stat } from 'node:fs/promises';
import path from 'node:path';
import { analyzeGraph } from '../../../shared/graph/analyze-graph';
import type { ModelGraph } from '../../../shared/graph/model-graph';
import type { ProjectWeights } from '../../../shared/graph/project-weights';
import { layerNamesForGraph } from '../../engine/layer-names';
import { planLayers } from '../export-plan';
import { InteropError } from '../interop-error';
import { encodeProjectWeights } from '../project-weights';
import { readModelJson, readRunDir } from '../run-dir';
import { matchWeights } from './match-weights';
import { groupWeightsByLayer, type LayerWeights, type NamedWeights } from './named-weights';
import { readWeightsManifest, zWeightsManifest } from './tfjs-weights-file';

/** Weights to start a run from, and where they came from (for messages). */
export interface WeightSource {
  origin: string;
  weights: NamedWeights;
}

/**
 * Reads the weights of an earlier run (a `layerlab train --out` folder) or of a TF.js layers model.json (with its
 * weight files beside it: LayerLab's, plain tfjs's or the TF.js converter's). Each problem names the file.
 */
export async function readWeightSource(location: string): Promise<WeightSource> {
  const full = path.resolve(location);
  const info = await stat(full).catch(() => null);
  if (info == null) throw new InteropError(`Weights to start from not found: ${full}`);
  if (info.isDirectory()) {
    const run = await readRunDir(full);
    return { origin: full, weights: run.weights };
  }
  const modelJson = await readModelJson(full);
  const manifest = zWeightsManifest.safeParse(modelJson.weightsManifest);
  if (!manifest.success) {
    throw new InteropError(
      `${full} has no weights (no readable weightsManifest): give a model.json saved with weights`,
    );
  }
  const flat = await readWeightsManifest(path.dirname(full), manifest.data);
  return { origin: full, weights: groupWeightsByLayer(flat) };
}

/** What starting from a source's weights does to each layer of the model that holds weights. */
export interface WeightReuse {
  /** Layers that start from the source's weights (every weight found by layer name, with the right shape). */
  reused: string[];
  /** Layers that start from fresh initial values, each with the reason. */
  skipped: { layer: string; reason: string }[];
  /** Layers of the source that no layer of the model takes weights from. */
  unused: string[];
  /** The reused layers' weights, by node id: what a training request carries (`initialWeights`). */
  initialWeights: ProjectWeights;
}

/** Matches a source's weights to the graph's layers by layer name and shape (partial matches allowed). */
export function planWeightReuse(graph: ModelGraph, source: WeightSource): WeightReuse {
  const errors = analyzeGraph(graph).problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0) {
    throw new InteropError(`The model has problems: ${errors.map((problem) => problem.message).join(' ')}`);
  }
  const match = matchWeights(planLayers(graph, 'model'), source.weights);
  const nodeByName = new Map([...layerNamesForGraph(graph)].map(([id, name]) => [name, id]));
  const byNode = new Map<string, LayerWeights>();
  for (const [name, roles] of match.weights) byNode.set(nodeByName.get(name)!, roles);
  return {
    reused: match.matched,
    skipped: [...match.missing.map((layer) => ({ layer, reason: 'no layer of that name there' })), ...match.mismatched],
    unused: match.unused,
    initialWeights: encodeProjectWeights(byNode, source.origin),
  };
}

/** One line per outcome, for the CLI. */
export function describeWeightReuse(reuse: WeightReuse, origin: string): string[] {
  const lines = [
    `Starting from the weights in ${origin}: ${reuse.reused.length} layer${reuse.reused.length === 1 ? '' : 's'} reused`,
  ];
  for (const layer of reuse.reused) lines.push(`  reused: ${layer}`);
  for (const { layer, reason } of reuse.skipped) lines.push(`  not reused: ${layer} (${reason}; initialized fresh)`);
  if (reuse.unused.length > 0) lines.push(`  left unused from the source: ${reuse.unused.join(', ')}`);
  return lines;
}
