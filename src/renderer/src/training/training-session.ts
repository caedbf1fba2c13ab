import { Emitter } from '../../../shared/emitter';
import type { LayerLabApi } from '../../../shared/ipc/api';
import type { StartTrainingRequest } from '../../../shared/ipc/training-protocol';
import type { ClassScores, TrainingEvent } from '../../../shared/ipc/training-events';

export type RunPhase = 'starting' | 'running' | 'paused' | 'stopping' | 'done' | 'cancelled' | 'error';

export interface EpochPoint {
  epoch: number;
  loss: number;
  accuracy: number | null;
  valLoss: number | null;
  valAccuracy: number | null;
}

export interface BatchPoint {
  /** Fractional epoch at the end of the batch (epoch 2, batch 5 of 10 → 1.5), the charts' x axis. */
  x: number;
  loss: number;
}

/**
 * What the panel knows of one training run of this session (folded from its events), kept so the user can look back at
 * its curves and matrix. The engine's `TrainingRun` (src/core/engine) is the run itself.
 */
export interface RunRecord {
  /** Local key; the host's runId arrives once start() resolves (or with the first event). */
  key: number;
  runId: string | null;
  title: string;
  phase: RunPhase;
  request: StartTrainingRequest;
  backend: string | null;
  params: number | null;
  trainSize: number | null;
  valSize: number | null;
  totalEpochs: number;
  batchesPerEpoch: number | null;
  classNames: string[];
  progress: { epoch: number; batch: number };
  samplesPerSecond: number | null;
  etaSeconds: number | null;
  epochs: EpochPoint[];
  batches: BatchPoint[];
  confusionMatrix: number[][];
  perClass: ClassScores[];
  seconds: number | null;
  error: { code: string; message: string } | null;
  startedAt: number;
}

export interface TrainingSessionState {
  runs: readonly RunRecord[];
  /** The run shown in the panel: the latest unless the user picked an older one from the history. */
  viewedKey: number | null;
}

/** The run still in flight (or being started), if any. */
export function activeRun(state: TrainingSessionState): RunRecord | null {
  const last = state.runs[state.runs.length - 1];
  return last && isActive(last.phase) ? last : null;
}

export function isActive(phase: RunPhase): boolean {
  return phase === 'starting' || phase === 'running' || phase === 'paused' || phase === 'stopping';
}

export function viewedRun(state: TrainingSessionState): RunRecord | null {
  return state.runs.find((r) => r.key === state.viewedKey) ?? state.runs[state.runs.length - 1] ?? null;
}

/** Folds one training event into its run. Pure, so the panel's state machine is tested without a host. */
export function reduceRun(run: RunRecord, event: TrainingEvent): RunRecord {
  switch (event.type) {
    case 'started':
      return {
        ...run,
        phase: run.phase === 'stopping' ? 'stopping' : 'running',
        backend: event.backend,
        params: event.params,
        trainSize: event.trainSize,
        valSize: event.valSize,
        classNames: event.classNames,
        totalEpochs: event.epochs,
        batchesPerEpoch: event.batchesPerEpoch,
      };
    case 'batch': {
      const perEpoch = run.batchesPerEpoch ?? Math.max(event.batch, 1);
      const x = event.epoch - 1 + event.batch / perEpoch;
      return {
        ...run,
        progress: { epoch: event.epoch, batch: event.batch },
        batches: Number.isFinite(event.loss) ? appendCapped(run.batches, { x, loss: event.loss }) : run.batches,
      };
    }
    case 'epoch':
      return {
        ...run,
        progress: { epoch: event.epoch, batch: run.batchesPerEpoch ?? run.progress.batch },
        epochs: [
          ...run.epochs.filter((e) => e.epoch !== event.epoch),
          {
            epoch: event.epoch,
            loss: event.loss,
            accuracy: event.accuracy,
            valLoss: event.valLoss,
            valAccuracy: event.valAccuracy,
          },
        ],
        confusionMatrix: event.confusionMatrix,
        perClass: event.perClass,
        samplesPerSecond: event.samplesPerSecond,
        etaSeconds: event.etaSeconds,
      };
    case 'paused':
      return run.phase === 'running' ? { ...run, phase: 'paused' } : run;
    case 'resumed':
      return run.phase === 'paused' ? { ...run, phase: 'running' } : run;
    case 'done':
      return {
        ...run,
        phase: 'done',
        confusionMatrix: event.confusionMatrix.length > 0 ? event.confusionMatrix : run.confusionMatrix,
        classNames: event.classNames.length > 0 ? event.classNames : run.classNames,
        seconds: event.seconds,
        etaSeconds: 0,
      };
    case 'cancelled':
      return { ...run, phase: 'cancelled', etaSeconds: null };
    case 'error':
      return { ...run, phase: 'error', error: { code: event.code, message: event.message }, etaSeconds: null };
  }
}

/**
 * Training runs of this session, driven by the host's events. Buttons call start/pause/resume/stop; the
 * phase moves on the events that confirm them (with the call's own success as a fallback for pause/resume).
 */
export class TrainingSessionStore {
  private state: TrainingSessionState = { runs: [], viewedKey: null };
  private readonly changed = new Emitter();
  private nextKey = 1;
  private unsubscribe: (() => void) | null;

  constructor(private readonly api: LayerLabApi) {
    this.unsubscribe = api.training.onEvent((event) => this.onEvent(event));
  }

  readonly getState = (): TrainingSessionState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => this.changed.on(listener);

  dispose(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private set(state: TrainingSessionState): void {
    this.state = state;
    this.changed.emit();
  }

  private updateRun(key: number, update: (run: RunRecord) => RunRecord): void {
    this.set({ ...this.state, runs: this.state.runs.map((r) => (r.key === key ? update(r) : r)) });
  }

  private onEvent(event: TrainingEvent & { runId: string }): void {
    const run =
      this.state.runs.find((r) => r.runId === event.runId) ??
      // Events can overtake start()'s reply: the run still starting adopts the first id it hears.
      this.state.runs.find((r) => r.runId === null && r.phase !== 'error');
    if (!run) return;
    this.updateRun(run.key, (r) => reduceRun({ ...r, runId: event.runId }, event));
  }

  async start(request: StartTrainingRequest, title: string): Promise<void> {
    if (activeRun(this.state)) return;
    const key = this.nextKey++;
    const run: RunRecord = {
      key,
      runId: null,
      title: `Run ${key} · ${title}`,
      phase: 'starting',
      request,
      backend: null,
      params: null,
      trainSize: null,
      valSize: null,
      totalEpochs: request.training.epochs,
      batchesPerEpoch: null,
      classNames: [],
      progress: { epoch: 0, batch: 0 },
      samplesPerSecond: null,
      etaSeconds: null,
      epochs: [],
      batches: [],
      confusionMatrix: [],
      perClass: [],
      seconds: null,
      error: null,
      startedAt: Date.now(),
    };
    this.set({ runs: [...this.state.runs, run], viewedKey: key });
    try {
      const { runId } = await this.api.training.start(request);
      this.updateRun(key, (r) => ({ ...r, runId: r.runId ?? runId }));
    } catch (err) {
      this.updateRun(key, (r) => ({
        ...r,
        phase: 'error',
        error: { code: 'start-failed', message: errorMessage(err) },
      }));
    }
  }

  async pause(): Promise<void> {
    const run = activeRun(this.state);
    if (!run || run.phase !== 'running') return;
    await this.call(
      run.key,
      () => this.api.training.pause(),
      (r) => (r.phase === 'running' ? { ...r, phase: 'paused' } : r),
    );
  }

  async resume(): Promise<void> {
    const run = activeRun(this.state);
    if (!run || run.phase !== 'paused') return;
    await this.call(
      run.key,
      () => this.api.training.resume(),
      (r) => (r.phase === 'paused' ? { ...r, phase: 'running' } : r),
    );
  }

  async stop(): Promise<void> {
    const run = activeRun(this.state);
    if (!run) return;
    this.updateRun(run.key, (r) => ({ ...r, phase: 'stopping' }));
    await this.call(
      run.key,
      () => this.api.training.stop(),
      (r) => r,
    );
  }

  private async call(
    key: number,
    action: () => Promise<void>,
    onSuccess: (run: RunRecord) => RunRecord,
  ): Promise<void> {
    try {
      await action();
      this.updateRun(key, onSuccess);
    } catch (err) {
      this.updateRun(key, (r) => ({ ...r, phase: 'error', error: { code: 'host', message: errorMessage(err) } }));
    }
  }

  view(key: number | null): void {
    this.set({ ...this.state, viewedKey: key });
  }
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Most batch points a run keeps; past it every other point goes, so long runs stay cheap to draw. */
const MAX_BATCH_POINTS = 4000;

function appendCapped(points: BatchPoint[], point: BatchPoint): BatchPoint[] {
  const next = [...points, point];
  return next.length > MAX_BATCH_POINTS ? next.filter((_, i) => i % 2 === 1) : next;
}
