import { useEffect, useState } from 'react';
import type { ViewQuery, ViewResults } from '../../../shared/views/view-queries';
import { useApi } from '../app-context';
import { isActive, type RunRecord } from '../training/training-session';
import { errorText } from './format';

export interface RunViewState<T> {
  data: T | null;
  /** Why the view could not be computed, as a sentence. */
  error: string | null;
  loading: boolean;
}

/**
 * Asks `run`'s model one view query and keeps the answer. While the run trains the question is asked again
 * `refreshMs` after each answer (never two at a time), so a view costs the training at most one small computation per
 * interval; a finished run is asked once. A query of `null`, or a run without a live model, asks nothing.
 */
export function useRunView<Q extends ViewQuery>(
  run: RunRecord | null,
  query: Q | null,
  refreshMs: number,
): RunViewState<ViewResults[Q['kind']]> {
  const api = useApi();
  const [state, setState] = useState<RunViewState<ViewResults[Q['kind']]>>({ data: null, error: null, loading: false });
  const runId = run?.runId ?? null;
  const live = run !== null && isActive(run.phase);
  // Only a model that has been built can answer: wait for the run's `started` event.
  const ready = run !== null && run.backend !== null;
  const key = query === null ? null : JSON.stringify(query);

  useEffect(() => {
    if (runId === null || key === null || !ready) {
      setState({ data: null, error: null, loading: false });
      return;
    }
    const parsed = JSON.parse(key) as Q;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = async () => {
      setState((previous) => ({ ...previous, loading: true }));
      try {
        const data = await api.views.query(runId, parsed);
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
  }, [api, runId, key, live, ready, refreshMs]);

  return state;
}
