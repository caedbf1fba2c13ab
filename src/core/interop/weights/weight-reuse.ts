import { stat } from 'node:fs/promises';
import path from 'node:path';
import { analyzeGraph } from '../../../shared/graph/analyze-graph';
import type { ModelGraph } from '../../../shared/graph/model-graph';
import type { ProjectWeights } from '../../../shared/graph/project-weights';
import { base64ToBytes } from '../../../shared/base64';
import { NO_LAYER_MATCHES } from '../../../shared/training/start-from';
import type { SavedWeights } from '../../../shared/views/view-queries';
import { layerNamesForGraph } from '../../engine/layer-names';
import { planLayers } from '../export-plan';
import { InteropError } from '../interop-error';
import { encodeProjectWeights } from '../project-weights';
import { readModelJson, readRunDir } from '../run-dir';
import { matchWeights } from './match-weights';
import { groupWeightsByLayer, type LayerWeights, type NamedWeights, type WeightTensor } from './named-weights';
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

/**
 * The weights a project keeps with a saved run (all of the model's weights under their tfjs names, in one float32
 * block) as a source to start from. Each problem names `origin`.
 */
export function savedRunWeightSource(saved: SavedWeights, origin: string): WeightSource {
  const bytes = base64ToBytes(saved.data);
  const expected = saved.specs.reduce((sum, spec) => sum + spec.shape.reduce((n, dim) => n * dim, 1), 0);
  if (bytes.length !== expected * 4) {
    throw new InteropError(`The weights saved with ${origin} hold ${bytes.length} bytes, their specs ${expected * 4}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const flat = new Map<string, WeightTensor>();
  let offset = 0;
  for (const spec of saved.specs) {
    const values = new Float32Array(spec.shape.reduce((n, dim) => n * dim, 1));
    for (let i = 0; i < values.length; i++) values[i] = view.getFloat32((offset + i) * 4, true);
    offset += values.length;
    flat.set(spec.name, { shape: spec.shape, values });
  }
  return { origin, weights: groupWeightsByLayer(flat) };
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

/** The reuse, or an InteropError when no layer matches: such a run does not start (the CLI exits 2). */
export function requireSomeReuse(reuse: WeightReuse, origin: string): WeightReuse {
  if (reuse.reused.length > 0) return reuse;
  const why = reuse.skipped.map(({ layer, reason }) => `${layer}: ${reason}`).join('; ');
  throw new InteropError(`${origin}: ${NO_LAYER_MATCHES}${why ? ` (${why})` : ''}`);
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
