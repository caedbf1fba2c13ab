import type { StartRunRequest, StartRunResponse } from '../../shared/ipc/training-protocol';
import { startFromLabel, type WeightsOrigin } from '../../shared/training/start-from';
import type { ModelGraph } from '../../shared/graph/model-graph';
import type { TrainingHost } from '../engine/training-host';
import { decodeProjectWeights } from '../interop/project-weights';
import {
  planWeightReuse,
  readWeightSource,
  requireSomeReuse,
  savedRunWeightSource,
  type WeightSource,
} from '../interop/weights/weight-reuse';
import { RunModelMissingError, type RunModelStore } from './run-models';

/**
 * The app's Train: starts the run, from other weights when `weightsFrom` says where they are. Those are matched to
 * the graph by the rule `layerlab train --init-from` uses (planWeightReuse: layer name and shapes), and the fitting
 * layers travel to the training process as `initialWeights`; when none fits, nothing starts and the error says so.
 */
export async function startRun(
  request: StartRunRequest,
  deps: { training: TrainingHost; runModels: RunModelStore },
): Promise<StartRunResponse> {
  const { weightsFrom, ...run } = request;
  if (weightsFrom === undefined) return { runId: deps.training.start(run) };
  const label = startFromLabel(run.startFrom);
  const source = await weightSource(weightsFrom, label, run.graph, deps.runModels);
  const { initialWeights, reused, skipped, unused } = requireSomeReuse(planWeightReuse(run.graph, source), label);
  const runId = deps.training.start({ ...run, initialWeights });
  return { runId, reuse: { source: label, reused, skipped, unused } };
}

/** The weights where they are: a session run's model the host keeps, or the weights the request carries. */
async function weightSource(
  origin: WeightsOrigin,
  label: string,
  graph: ModelGraph,
  runModels: RunModelStore,
): Promise<WeightSource> {
  switch (origin.from) {
    case 'host-run': {
      if (!runModels.has(origin.runId)) {
        throw new RunModelMissingError(`${label}'s model is no longer kept`, 'choose another Start from');
      }
      return { origin: label, weights: (await readWeightSource(runModels.folder(origin.runId))).weights };
    }
    case 'saved-run':
      return savedRunWeightSource(origin.weights, label);
    case 'project':
      return { origin: label, weights: decodeProjectWeights(graph, origin.weights) };
  }
}
