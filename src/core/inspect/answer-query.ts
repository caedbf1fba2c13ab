import type { ViewQuery, ViewResult, ViewResults } from '../../shared/views/view-queries';
import { zViewQuery, VIEW_LIMITS } from '../../shared/views/view-queries';
import { EngineError } from '../engine/engine-error';
import {
  boundaryView,
  describeModel,
  layerActivations,
  layerStatistics,
  layerWeights,
  modelWeights,
  predictSample,
  type InspectedModel,
} from './model-inspector';
import type { ViewRecorder } from './view-recorder';

/** What answers the views: the model with its data, what the run recorded, and how far training has got. */
export interface ViewSource {
  target: InspectedModel;
  /** Null when the run records nothing for the views (then there are no snapshots or cell samples). */
  recorder: ViewRecorder | null;
  /** Epochs finished, and the batch of the epoch in progress (0 between epochs). */
  progress: { epoch: number; batch: number };
  /** Why the samples of a matrix cell can't be listed when `recorder` is null, if there is a better reason to give. */
  predictionsProblem?: string;
}

/** Answers one view query from the model as it is now. Bad queries are EngineErrors with code `bad-input`. */
export function answerViewQuery<Q extends ViewQuery>(source: ViewSource, raw: Q): ViewResults[Q['kind']] {
  const query = zViewQuery.parse(raw);
  return answer(source, query) as ViewResults[Q['kind']];
}

/** Whether a query needs the run's samples, not only its model. */
function needsData(query: ParsedQuery): boolean {
  switch (query.kind) {
    case 'layerStats':
    case 'boundary':
    case 'cellSamples':
      return true;
    case 'activations':
    case 'predict':
      return 'split' in query.sample;
    default:
      return false;
  }
}

type ParsedQuery = ReturnType<typeof zViewQuery.parse>;

function answer(source: ViewSource, query: ParsedQuery): ViewResult {
  const { target, recorder, progress } = source;
  if (target.dataProblem !== undefined && needsData(query))
    throw new EngineError('data-unavailable', target.dataProblem);
  switch (query.kind) {
    case 'model':
      return describeModel(target, progress.epoch);
    case 'weights':
      return layerWeights(target, query.layer);
    case 'activations':
      return layerActivations(target, query.sample);
    case 'layerStats':
      return layerStatistics(target, query.samples ?? VIEW_LIMITS.statsSamples.default);
    case 'predict':
      return predictSample(target, query.sample);
    case 'boundary':
      return boundaryView(target, query.resolution, progress);
    case 'cellSamples':
      if (!recorder)
        throw new EngineError(
          'bad-input',
          source.predictionsProblem ?? 'This run did not keep its validation predictions.',
        );
      return recorder.cellSamples(query);
    case 'snapshots':
      return { snapshots: recorder?.snapshots() ?? [] };
    case 'modelWeights':
      return modelWeights(target.model);
  }
}
