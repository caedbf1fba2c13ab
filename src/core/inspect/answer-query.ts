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
}

/** Answers one view query from the model as it is now. Bad queries are EngineErrors with code `bad-input`. */
export function answerViewQuery<Q extends ViewQuery>(source: ViewSource, raw: Q): ViewResults[Q['kind']] {
  const query = zViewQuery.parse(raw);
  return answer(source, query) as ViewResults[Q['kind']];
}

function answer(source: ViewSource, query: ReturnType<typeof zViewQuery.parse>): ViewResult {
  const { target, recorder, progress } = source;
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
      if (!recorder) throw new EngineError('bad-input', 'This run did not keep its validation predictions.');
      return recorder.cellSamples(query);
    case 'snapshots':
      return { snapshots: recorder?.snapshots() ?? [] };
    case 'modelWeights':
      return modelWeights(target.model);
  }
}
