import { Emitter } from '../../shared/emitter';
import type { StartTrainingRequest } from '../../shared/ipc/training-protocol';
import type { TrainingEvent } from '../../shared/ipc/training-events';

/** What the shell needs of the engine's TrainingHost (src/core/engine/training-host.ts). */
export interface TrainingHostLike {
  start(request: StartTrainingRequest): string;
  pause(): void;
  resume(): void;
  stop(): void;
  exportModel(dir: string): Promise<void>;
  onEvent(listener: (event: TrainingEvent & { runId?: string }) => void): () => void;
  isRunning(): boolean;
  dispose(): void;
}

export type RunEvent = TrainingEvent & { runId: string };

export const NO_MODEL_MESSAGE = 'There is no trained model to export yet: train the network first.';

/** Thrown when an action needs a run (or a finished model) that is not there. */
export class TrainingStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrainingStateError';
  }
}

export interface TrainingService {
  start(request: StartTrainingRequest): { runId: string };
  pause(): void;
  resume(): void;
  stop(): void;
  /** Write the last run's model into `dir`; fails clearly when nothing has been trained yet. */
  exportModel(dir: string): Promise<void>;
  /** True once a run has sent `started`: there are weights to export. */
  hasModel(): boolean;
  isRunning(): boolean;
  onEvent(listener: (event: RunEvent) => void): () => void;
  dispose(): void;
}

/** One run at a time per host: every event is stamped with the run it belongs to, so late events of a stopped run can be told apart. */
export function createTrainingService(host: TrainingHostLike): TrainingService {
  const events = new Emitter<RunEvent>();
  let currentRunId: string | null = null;
  let modelAvailable = false;

  const unsubscribe = host.onEvent((event) => {
    const runId = event.runId ?? currentRunId;
    if (!runId) return;
    if (event.type === 'started') modelAvailable = true;
    events.emit({ ...event, runId } as RunEvent);
  });

  return {
    start(request) {
      if (host.isRunning())
        throw new TrainingStateError('A training run is already in progress: stop it before starting another.');
      modelAvailable = false;
      currentRunId = host.start(request);
      return { runId: currentRunId };
    },
    pause: () => host.pause(),
    resume: () => host.resume(),
    stop: () => host.stop(),
    async exportModel(dir) {
      if (!modelAvailable) throw new TrainingStateError(NO_MODEL_MESSAGE);
      await host.exportModel(dir);
    },
    hasModel: () => modelAvailable,
    isRunning: () => host.isRunning(),
    onEvent: (listener) => events.on(listener),
    dispose() {
      unsubscribe();
      events.clear();
      host.dispose();
    },
  };
}
