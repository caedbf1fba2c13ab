import type * as tf from '@tensorflow/tfjs';
import type { ModelGraph } from '../../shared/graph/model-graph';
import type { ProjectWeights } from '../../shared/graph/project-weights';
import { planLayers } from '../interop/export-plan';
import { decodeProjectWeights } from '../interop/project-weights';
import { matchWeights } from '../interop/weights/match-weights';
import { applyWeights } from '../interop/weights/tfjs-model-weights';
import { EngineError } from './engine-error';

/**
 * Gives the built model the request's `initialWeights` (by node id: what `layerlab train --init-from` reuses from an
 * earlier run or a model.json). Every layer named there must exist and take exactly those weights; the others keep
 * their seeded initial values. Returns the names of the layers set.
 */
export function setInitialWeights(model: tf.LayersModel, graph: ModelGraph, initial: ProjectWeights): string[] {
  const match = matchWeights(planLayers(graph, 'model'), decodeProjectWeights(graph, initial));
  const problems = [
    ...match.mismatched.map(({ layer, reason }) => `layer "${layer}": ${reason}`),
    ...match.unused.map((layer) => `layer "${layer}" is not in the model`),
  ];
  if (problems.length > 0) {
    throw new EngineError('bad-input', `The initial weights do not fit the model: ${problems.join('; ')}`);
  }
  return applyWeights(model, match.weights);
}
