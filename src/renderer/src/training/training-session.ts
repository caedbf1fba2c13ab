import { Emitter } from '../../../shared/emitter';
import type { LayerLabApi } from '../../../shared/ipc/api';
import type { StartRunRequest, StartTrainingRequest } from '../../../shared/ipc/training-protocol';
import type { ClassScores, TrainingEvent } from '../../../shared/ipc/training-events';
import { fieldsOutside } from '../../../shared/graph/unknown-fields';
import { RUN_LIMITS, runsToKeep, zSavedRun, type SavedRun } from '../../../shared/runs/saved-run';
import type { Diagnosis } from '../../../shared/training/diagnosis';
import {
  IMPORTED_WEIGHTS_LABEL,
  startFromLabel,
  type StartFrom,
  type WeightReuseReport,
  type WeightsOrigin,
} from '../../../shared/training/start-from';
import type { ProjectWeights } from '../../../shared/graph/project-weights';
import type { EpochSnapshot } from '../../../shared/views/snapshots';
import type { SavedWeights, ViewQuery, ViewResults } from '../../../shared/views/view-queries';

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

/** Per epoch (in `epochs` order), each weighted layer's gradient norm, from the epoch events. */
export interface GradientHistory {
  layers: string[];
  epochs: number[][];
}

/**
 * What the panel knows of one training run of the project (folded from its events, or read back from the project
 * file), kept so the user can look back at its curves, matrix and views. The engine's `TrainingRun`
 * (src/core/engine) is the run itself.
 */
export interface RunRecord {
  /** The run's number in its project ("Run 3"), also its local key; the host's runId arrives once start() resolves. */
  key: number;
  runId: string | null;
  title: string;
  /** The project's name when the run started (exports are named after it). */
  project: string;
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
  /**
   * What the engine diagnosed (learned nothing, stuck on one class, diverged...), one per code, latest first seen
   * epoch kept; replaced by the full list the `done` event carries.
   */
  diagnoses: Diagnosis[];
  startedAt: number;
  gradientNorms: GradientHistory | null;
  /** Per-epoch snapshots for the replay, fetched from the training process when the run ends. */
  snapshots: EpochSnapshot[] | null;
  /** The trained weights, fetched when the run ends, so the project can keep them. */
  weights: SavedWeights | null;
  /** Read back from the project file: its training process is gone (views need its weights restored). */
  restored: boolean;
  /** For a run started from other weights: which layers were reused and which not, as the host matched them. */
  reuse: WeightReuseReport | null;
  /**
   * The host's training process of this run still holds its model: the latest run started this session (the host
   * keeps the last run's process until the next one starts). Views of any other run load its saved weights into the
   * host's viewer (`views.open`).
   */
  inProcess: boolean;
  /** Read back from a file: the run's fields this version does not know, written back as read. */
  unknownFields?: Record<string, unknown>;
}

export interface TrainingSessionState {
  runs: readonly RunRecord[];
  /** The run shown in the panel: the latest unless the user picked an older one from the history. */
  viewedKey: number | null;
  /** Runs ticked in the Runs list to compare their curves and settings (keys). */
  compared: readonly number[];
  /** Bumped whenever the runs a project saves change (a run finished, runs were loaded). */
  runsRevision: number;
  /** `runsRevision` when the project was last saved or opened: runs differ from the file while they differ. */
  savedRunsRevision: number;
  /** The training settings' "Start from": where the next run's weights start (undefined: new random weights). */
  startFrom: StartFrom | undefined;
  /** The weights the project's model was imported with (Open model…), offered as "Imported model weights". */
  importedWeights: ProjectWeights | null;
}

/** The runs changed since the project was last saved or opened. */
export function runsChanged(state: TrainingSessionState): boolean {
  return state.runsRevision !== state.savedRunsRevision;
}

/** A finished run (done or stopped) as the project file keeps it; null for runs that failed or are still going. */
export function savedRun(run: RunRecord): SavedRun | null {
  if (run.phase !== 'done' && run.phase !== 'cancelled') return null;
  return {
    ...run.unknownFields,
    number: run.key,
    name: run.project,
    startedAt: new Date(run.startedAt).toISOString(),
    status: run.phase,
    request: run.request,
    backend: run.backend,
    params: run.params,
    trainSize: run.trainSize,
    valSize: run.valSize,
    classNames: run.classNames,
    history: run.epochs,
    ...(run.gradientNorms ? { gradientNorms: run.gradientNorms } : {}),
    confusionMatrix: run.confusionMatrix,
    perClass: run.perClass,
    seconds: run.seconds,
    ...(run.diagnoses.length > 0 ? { diagnoses: run.diagnoses } : {}),
    ...(run.snapshots ? { snapshots: run.snapshots } : {}),
    ...(run.weights ? { weights: run.weights } : {}),
    ...(run.reuse ? { reuse: run.reuse } : {}),
  };
}

/** A run read back from a project file. */
export function restoredRun(saved: SavedRun): RunRecord {
  const lastEpoch = saved.history[saved.history.length - 1]?.epoch ?? 0;
  return {
    key: saved.number,
    runId: null,
    title: runTitleText(saved.number, saved.name),
    phase: saved.status,
    request: saved.request,
    backend: saved.backend,
    params: saved.params,
    trainSize: saved.trainSize,
    valSize: saved.valSize,
    totalEpochs: saved.request.training.epochs,
    batchesPerEpoch: null,
    classNames: saved.classNames,
    progress: { epoch: lastEpoch, batch: 0 },
    samplesPerSecond: null,
    etaSeconds: null,
    epochs: saved.history,
    batches: [],
    confusionMatrix: saved.confusionMatrix,
    perClass: saved.perClass,
    seconds: saved.seconds,
    error: null,
    diagnoses: saved.diagnoses ?? [],
    startedAt: Date.parse(saved.startedAt) || 0,
    project: saved.name,
    gradientNorms: saved.gradientNorms ?? null,
    snapshots: saved.snapshots ?? null,
    weights: saved.weights ?? null,
    restored: true,
    reuse: saved.reuse ?? null,
    inProcess: false,
    unknownFields: fieldsOutside(saved, zSavedRun.shape),
  };
}

/** "Run 3 · Convolutional network": how the run list names a run (it starts with "Run 3", after a reload too). */
function runTitleText(number: number, name: string): string {
  return name ? `Run ${number} · ${name}` : `Run ${number}`;
}

/** A run's weights the next run can start from, and where the host finds them; null when it has none. */
export function runWeightsOrigin(run: RunRecord): WeightsOrigin | null {
  if (run.phase !== 'done' && run.phase !== 'cancelled') return null;
  // A run of this session: the host keeps its model; the renderer's copy need not cross the boundary.
  if (run.runId !== null && !run.restored && run.params !== null) return { from: 'host-run', runId: run.runId };
  return run.weights ? { from: 'saved-run', weights: run.weights } : null;
}

/** The "Start from" choices: new random weights, each run with weights to start from, the imported weights. */
export function startFromChoices(state: TrainingSessionState): { value: StartFrom | undefined; label: string }[] {
  const runs = state.runs
    .filter((run) => runWeightsOrigin(run) !== null)
    .map((run) => ({ kind: 'run', run: run.key }) as const);
  const imported = state.importedWeights ? [{ kind: 'imported' } as const] : [];
  return [undefined, ...runs, ...imported].map((value) => ({ value, label: startFromLabel(value) }));
}

/** Where the weights of `startFrom` are, or why the run cannot start from them. */
function weightsOrigin(state: TrainingSessionState, startFrom: StartFrom): WeightsOrigin | string {
  if (startFrom.kind === 'imported') {
    return state.importedWeights
      ? { from: 'project', weights: state.importedWeights }
      : `This project has no ${IMPORTED_WEIGHTS_LABEL.toLowerCase()}: open a model.json with its weight files.`;
  }
  const run = state.runs.find((r) => r.key === startFrom.run);
  return (
    (run && runWeightsOrigin(run)) ??
    `Run ${startFrom.run} has no weights to start from (only the latest runs keep theirs): train it again.`
  );
}

/** The run still in flight (or being started), if any. */
export function activeRun(state: TrainingSessionState): RunRecord | null {
  const last = state.runs[state.runs.length - 1];
  return last && isActive(last.phase) ? last : null;
}

export function isActive(phase: RunPhase): boolean {
  return phase === 'starting' || phase === 'running' || phase === 'paused' || phase === 'stopping';
}

/** A run that ended (done or stopped) with at least one epoch: it has curves to compare. */
export function comparable(run: RunRecord): boolean {
  return run.epochs.length > 0 && (run.phase === 'done' || run.phase === 'cancelled');
}

/** The runs ticked to compare, oldest first. */
export function comparedRuns(state: TrainingSessionState): RunRecord[] {
  return state.runs.filter((r) => state.compared.includes(r.key) && comparable(r));
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
        diagnoses: mergeDiagnoses(run.diagnoses, event.diagnoses ?? []),
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
        gradientNorms: event.gradientNorms
          ? addGradientNorms(run.gradientNorms, event.gradientNorms)
          : run.gradientNorms,
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
        diagnoses: event.diagnoses ?? run.diagnoses,
      };
    case 'cancelled':
      return { ...run, phase: 'cancelled', etaSeconds: null };
    case 'error':
      return { ...run, phase: 'error', error: { code: event.code, message: event.message }, etaSeconds: null };
  }
}

/** Diagnoses so far plus new ones; a code already diagnosed is replaced by its newer message. */
function mergeDiagnoses(known: Diagnosis[], fresh: Diagnosis[]): Diagnosis[] {
  if (fresh.length === 0) return known;
  const codes = new Set(fresh.map((d) => d.code));
  return [...known.filter((d) => !codes.has(d.code)), ...fresh];
}

/** How a run ended, or where it is, in words and a tone: a run diagnosed as failed is never a green "Done". */
export function runOutcome(run: RunRecord): { text: string; tone: 'busy' | 'ok' | 'warning' | 'error' } {
  switch (run.phase) {
    case 'starting':
      return { text: 'Starting…', tone: 'busy' };
    case 'running':
      return {
        text: run.diagnoses.some((d) => d.severity === 'error') ? 'Training (in trouble)' : 'Training',
        tone: 'busy',
      };
    case 'paused':
      return { text: 'Paused', tone: 'warning' };
    case 'stopping':
      return { text: 'Stopping…', tone: 'warning' };
    case 'cancelled':
      return { text: 'Stopped', tone: 'warning' };
    case 'error':
      return { text: 'Failed', tone: 'error' };
    case 'done': {
      const failed = run.diagnoses.find((d) => d.severity === 'error');
      if (failed) return { text: `Finished: ${failed.title.replace(/\.$/, '')}`, tone: 'error' };
      if (run.diagnoses.length > 0) return { text: 'Done, with warnings', tone: 'warning' };
      return { text: 'Done', tone: 'ok' };
    }
  }
}

/** The finished run whose model can be exported: the one shown, once it ended with weights (done or stopped). */
export function exportableRun(state: TrainingSessionState): (RunRecord & { runId: string }) | null {
  const run = viewedRun(state);
  if (!run || run.runId === null || run.params === null) return null;
  return run.phase === 'done' || run.phase === 'cancelled' ? (run as RunRecord & { runId: string }) : null;
}

/** Why there is nothing to export now (shown beside the Export button), or null when there is. */
export function whyNotExport(state: TrainingSessionState): string | null {
  const run = viewedRun(state);
  if (!run) return 'No run yet: train the network to get a model to export.';
  if (exportableRun(state)) return null;
  if (isActive(run.phase)) return `Run ${run.key} is still training: wait for it to end, or stop it.`;
  return `Run ${run.key} ${run.phase === 'error' ? 'failed' : 'was stopped before it began'}: it has no model to export.`;
}

/** File or folder name of a run's export: the project's and the run's, e.g. "Convolutional-network-run-2". */
export function exportName(run: RunRecord): string {
  const project =
    run.project
      .trim()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '') || 'model';
  return `${project}-run-${run.key}`;
}

/**
 * Training runs of this session, driven by the host's events. Buttons call start/pause/resume/stop; the
 * phase moves on the events that confirm them (with the call's own success as a fallback for pause/resume).
 */
export class TrainingSessionStore {
  private state: TrainingSessionState = {
    runs: [],
    viewedKey: null,
    compared: [],
    runsRevision: 0,
    savedRunsRevision: 0,
    startFrom: undefined,
    importedWeights: null,
  };
  private readonly changed = new Emitter();
  private nextKey = 1;
  /** The viewer ids of finished runs loaded this project (`views.open`), by run; the weights tell a replaced run. */
  private readonly viewerIds = new Map<number, { weights: SavedWeights; id: Promise<string> }>();
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
      this.state.runs.find((r) => r.runId === null && !r.restored && r.phase !== 'error');
    if (!run) return;
    this.updateRun(run.key, (r) => reduceRun({ ...r, runId: event.runId }, event));
    if (event.type === 'done' || event.type === 'cancelled') void this.keep(run.key, event.runId);
  }

  /**
   * A finished run joins the project's runs: its snapshots and weights are fetched from its training process first
   * (runs trained without views, or whose process is gone, are kept without them).
   */
  private async keep(key: number, runId: string): Promise<void> {
    const [snapshots, weights] = await Promise.all([
      this.api.views
        .query(runId, { kind: 'snapshots' })
        .then((result) => result.snapshots)
        .catch(() => null),
      this.api.views.query(runId, { kind: 'modelWeights' }).catch(() => null),
    ]);
    this.updateRun(key, (r) => ({ ...r, snapshots, weights }));
    this.set({ ...this.state, runsRevision: this.state.runsRevision + 1 });
  }

  /**
   * Asks `run`'s model one view query: the training process that holds it, or else the host's viewer loaded with the
   * run's saved weights (loaded again, once, when the viewer had let it go). Fails with a sentence for a run without a
   * model (see `modelUnavailable`).
   */
  async inspect<Q extends ViewQuery>(run: RunRecord, query: Q): Promise<ViewResults[Q['kind']]> {
    const why = modelUnavailable(run);
    if (why !== null) throw new Error(why);
    if (run.inProcess) return this.api.views.query(run.runId!, query);
    try {
      return await this.api.views.query(await this.viewerId(run), query);
    } catch {
      // The viewer may have been replaced or restarted since: load the run again and ask once more.
      this.viewerIds.delete(run.key);
      return this.api.views.query(await this.viewerId(run), query);
    }
  }

  private viewerId(run: RunRecord): Promise<string> {
    const weights = run.weights!;
    const known = this.viewerIds.get(run.key);
    if (known && known.weights === weights) return known.id;
    const id = this.api.views
      .open({
        request: run.request,
        weights,
        classNames: run.classNames,
        epochs: run.epochs.length,
        status: run.phase === 'done' ? 'done' : 'cancelled',
      })
      .then((opened) => opened.runId);
    this.viewerIds.set(run.key, { weights, id });
    id.catch(() => {
      if (this.viewerIds.get(run.key)?.id === id) this.viewerIds.delete(run.key);
    });
    return id;
  }

  /** The finished runs as the project file keeps them (within RUN_LIMITS). */
  savedRuns(): SavedRun[] {
    return runsToKeep(this.state.runs.map(savedRun).filter((run): run is SavedRun => run !== null));
  }

  /**
   * Replaces the project's runs (new project, open, recover); a run in flight stays and keeps its number. `dirty`:
   * the runs are not in any file yet (recovered work).
   */
  loadRuns(saved: readonly SavedRun[], options: { dirty?: boolean } = {}): void {
    // The previous project's runs are closed: the host's viewer lets their models go.
    this.viewerIds.clear();
    void this.api.views.close().catch(() => undefined);
    const active = activeRun(this.state);
    const runs = saved.map(restoredRun);
    if (active) runs.push(active);
    this.nextKey = Math.max(0, ...runs.map((r) => r.key)) + 1;
    const revision = this.state.runsRevision + 1;
    this.set({
      ...this.state,
      runs,
      viewedKey: null,
      compared: [],
      runsRevision: revision,
      savedRunsRevision: options.dirty ? -1 : revision,
      startFrom: undefined,
    });
  }

  /** The training settings' "Start from" choice for the next run. */
  setStartFrom(startFrom: StartFrom | undefined): void {
    this.set({ ...this.state, startFrom });
  }

  /** The weights the open project's model came with (Open model…), or null: offered as "Imported model weights". */
  setImportedWeights(weights: ProjectWeights | null): void {
    const startFrom = weights === null && this.state.startFrom?.kind === 'imported' ? undefined : this.state.startFrom;
    this.set({ ...this.state, importedWeights: weights, startFrom });
  }

  /** The project was saved with the runs as they are now. */
  markRunsSaved(revision = this.state.runsRevision): void {
    this.set({ ...this.state, savedRunsRevision: revision });
  }

  /**
   * Starts a run of `request` from the "Start from" choice: the host reuses the chosen weights layer by layer and
   * says which (the run's `reuse`); a choice whose weights are gone or fit no layer fails the start with the reason.
   */
  async start(trainingRequest: StartTrainingRequest, title: string): Promise<void> {
    if (activeRun(this.state)) return;
    const { startFrom } = this.state;
    const request: StartTrainingRequest = startFrom ? { ...trainingRequest, startFrom } : trainingRequest;
    const origin = startFrom ? weightsOrigin(this.state, startFrom) : null;
    const key = this.nextKey++;
    const run: RunRecord = {
      key,
      runId: null,
      title: runTitleText(key, title),
      project: title,
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
      diagnoses: [],
      startedAt: Date.now(),
      gradientNorms: null,
      snapshots: null,
      weights: null,
      restored: false,
      reuse: null,
      inProcess: true,
    };
    // Starting a run replaces the host's process of the previous one: its views load its saved weights from now on.
    const earlier = this.state.runs.map((r) => (r.inProcess ? { ...r, inProcess: false } : r));
    this.set({ ...this.state, runs: [...earlier, run], viewedKey: key });
    try {
      if (typeof origin === 'string') throw new Error(origin);
      const start: StartRunRequest = origin ? { ...request, weightsFrom: origin } : request;
      const { runId, reuse } = await this.api.training.start(start);
      this.updateRun(key, (r) => ({ ...r, runId: r.runId ?? runId, reuse: reuse ?? null }));
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

  /** Ticks or unticks run `key` for the comparison. */
  toggleCompared(key: number): void {
    const { compared } = this.state;
    this.set({
      ...this.state,
      compared: compared.includes(key) ? compared.filter((k) => k !== key) : [...compared, key],
    });
  }
}

/** Why a run's model cannot be asked anything, or null when it can. */
export function modelUnavailable(run: RunRecord | null): string | null {
  if (run === null) return 'Train the network to look inside it.';
  if (run.phase === 'error') return 'This run failed before its model could be looked at.';
  if (run.inProcess) return run.runId === null || run.backend === null ? 'The model is being built…' : null;
  if (run.params === null) return 'This run was stopped before its model was built.';
  if (run.weights === null) {
    return (
      `This run's weights were not kept: a project keeps the weights of its latest ${RUN_LIMITS.runsWithWeights} ` +
      `runs (up to ${RUN_LIMITS.weightBytes / (1024 * 1024)} MB each), so only what was saved with it is shown.`
    );
  }
  return null;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function addGradientNorms(history: GradientHistory | null, norms: { layer: string; norm: number }[]): GradientHistory {
  const layers = history?.layers ?? norms.map((n) => n.layer);
  const row = layers.map((layer) => norms.find((n) => n.layer === layer)?.norm ?? 0);
  return { layers, epochs: [...(history?.epochs ?? []), row] };
}

/** Most batch points a run keeps; past it every other point goes, so long runs stay cheap to draw. */
const MAX_BATCH_POINTS = 4000;

function appendCapped(points: BatchPoint[], point: BatchPoint): BatchPoint[] {
  const next = [...points, point];
  return next.length > MAX_BATCH_POINTS ? next.filter((_, i) => i % 2 === 1) : next;
}
