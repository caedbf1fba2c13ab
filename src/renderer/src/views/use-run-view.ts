import { useEffect, useState } from 'react';
import type { ViewQuery, ViewResults } from '../../../shared/views/view-queries';
import { useTrainingStore } from '../app-context';
import { isActive, modelUnavailable, type RunRecord } from '../training/training-session';
import { errorText } from './format';

export interface RunViewState<T> {
  data: T | null;
  /** Why the view could not be computed, as a sentence. */
  error: string | null;
  loading: boolean;
}

/**
 * Asks `run`'s model one view query and keeps the answer: its training process's, or for a run whose process is gone
 * the host's viewer loaded with its saved weights (`TrainingSessionStore.inspect`). While the run trains the question
 * is asked again `refreshMs` after each answer (never two at a time), so a view costs the training at most one small
 * computation per interval; a finished run is asked once. A query of `null`, or a run without a model, asks nothing.
 */
export function useRunView<Q extends ViewQuery>(
  run: RunRecord | null,
  query: Q | null,
  refreshMs: number,
): RunViewState<ViewResults[Q['kind']]> {
  const store = useTrainingStore();
  const [state, setState] = useState<RunViewState<ViewResults[Q['kind']]>>({ data: null, error: null, loading: false });
  const live = run !== null && isActive(run.phase);
  // Only a model that has been built (or saved weights) can answer: a live run waits for its `started` event.
  const ready = modelUnavailable(run) === null;
  // Asked again when the run's model changes: it was built, or the run's process let it go for its saved weights.
  const model =
    run === null ? null : ([run.key, run.runId, run.inProcess, run.inProcess ? null : run.weights] as const);
  const [modelKey, modelRunId, modelInProcess, modelWeights] = model ?? [null, null, null, null];
  const key = query === null ? null : JSON.stringify(query);

  useEffect(() => {
    if (run === null || key === null || !ready) {
      setState({ data: null, error: null, loading: false });
      return;
    }
    const parsed = JSON.parse(key) as Q;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = async () => {
      setState((previous) => ({ ...previous, loading: true }));
      try {
        const data = await store.inspect(run, parsed);
        if (!cancelled) setState({ data, error: null, loading: false });
      } catch (error) {
        if (!cancelled) setState((previous) => ({ data: previous.data, error: errorText(error), loading: false }));
      }
      if (!cancelled && live) timer = setTimeout(() => void ask(), refreshMs);
    };
    void ask();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // `run` changes with every event; what is asked changes only with the model (see `model`).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, modelKey, modelRunId, modelInProcess, modelWeights, key, live, ready, refreshMs]);

  return state;
}
