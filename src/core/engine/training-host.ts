import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Emitter } from '../../shared/emitter';
import type { TrainingEvent } from '../../shared/ipc/training-events';
import {
  type StartTrainingRequest,
  type TrainingCommand,
  zStartTrainingRequest,
  zTrainingProcessMessage,
} from '../../shared/ipc/training-protocol';
import { zViewQuery, type ViewQuery, type ViewResults } from '../../shared/views/view-queries';
import { createProcessRequests, REPLY_TIMEOUT_CODE, ReplyError } from './process-requests';

export { REPLY_TIMEOUT_CODE, REPLY_TIMEOUT_MS, ReplyError } from './process-requests';

/**
 * The host's view of a training process, whatever started it: `child_process.fork` (default) or Electron's
 * utilityProcess (the app passes its own `spawn`).
 */
export interface ChildLike {
  postMessage(message: TrainingCommand): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called once when the process ends; `signal` is set when it was killed (e.g. 'SIGKILL'). */
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  /** Ends the process at once, even a hung or suspended (SIGSTOP) one: SIGKILL. */
  kill(): void;
  /** The process id, where the spawner knows it (tests suspend the process through it). */
  readonly pid?: number;
}

/**
 * How long Stop waits for the run to end after the current batch before it kills the process. A batch of a big
 * model on the CPU backend takes seconds; a process that says nothing for this long is hung or suspended.
 */
export const STOP_TIMEOUT_MS = 15_000;

export const STOP_TIMEOUT_CODE = 'stop-timeout';

export type HostedTrainingEvent = TrainingEvent & { runId: string };

export const NO_MODEL_MESSAGE = 'There is no trained model to export yet: train the network first.';

/** Thrown when an action needs a run (or a trained model) that is not there, or a second run is started. */
export class TrainingStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrainingStateError';
  }
}

/** The one training service every entry point uses: the Electron shell, the browser-mode server and the CLI. */
export interface TrainingHost {
  /**
   * Starts a run in a fresh process and returns its id; every event of the run carries that id. Throws a
   * TrainingStateError while another run is going, and a ZodError for a malformed request, before spawning anything.
   */
  start(request: StartTrainingRequest): string;
  pause(): void;
  resume(): void;
  /** Ends the run after the current batch; the weights stay exportable. */
  stop(): void;
  /** Writes the current (or last) run's model, project file and history.csv into `dir`; fails with NO_MODEL_MESSAGE when there is none. */
  exportModel(dir: string): Promise<void>;
  /** True once the current (or last) run has sent `started` and its process is alive: there are weights to export. */
  hasModel(): boolean;
  /**
   * Answers a view query from run `runId`'s model, by its training process: between two batches while it trains,
   * at once after it ended. Only the current (or last) run's process is alive; other runs fail with a
   * TrainingStateError saying so.
   */
  inspect<Q extends ViewQuery>(runId: string, query: Q): Promise<ViewResults[Q['kind']]>;
  onEvent(listener: (event: HostedTrainingEvent) => void): () => void;
  /**
   * Keeps every run's model when it ends: before a `done` or `cancelled` event is published (and before another run
   * can start), `keeper` is called with the run id and a function exporting that run's model into a folder. Errors
   * of the keeper are its own; the event is published either way. See src/core/services/run-models.ts.
   */
  keepModels(keeper: ModelKeeper | null): void;
  isRunning(): boolean;
  /** Kills the training process and drops all listeners. */
  dispose(): void;
}

const TERMINAL: ReadonlySet<TrainingEvent['type']> = new Set(['done', 'cancelled', 'error']);

/** Keeps a finished run's model: `exportTo(dir)` writes it (TensorFlow.js layers format, project, history.csv). */
export type ModelKeeper = (runId: string, exportTo: (dir: string) => Promise<void>) => Promise<void>;

/**
 * Runs training out of process, one run at a time and one process per run: a fresh process starts with clean tfjs
 * memory and a clean seeded Math.random, and a crash (or the OOM killer) takes down only that run. The process of the
 * last run stays alive after it ends so its model can still be exported; the next start ends it.
 */
export function createTrainingHost(
  options: { spawn?: () => ChildLike; stopTimeoutMs?: number; replyTimeoutMs?: number } = {},
): TrainingHost {
  const spawn = options.spawn ?? (() => forkTrainingProcess());
  const stopTimeoutMs = options.stopTimeoutMs ?? STOP_TIMEOUT_MS;
  const events = new Emitter<HostedTrainingEvent>();
  let child: ChildLike | null = null;
  let childRunId: string | null = null;
  let running = false;
  let started = false;
  /** Set while a Stop waits for the run to end; fires the kill. */
  let stopDeadline: ReturnType<typeof setTimeout> | null = null;
  const clearStopDeadline = () => {
    if (stopDeadline != null) clearTimeout(stopDeadline);
    stopDeadline = null;
  };
  let keeper: ModelKeeper | null = null;

  const publish = (event: TrainingEvent, id: string) => events.emit({ ...event, runId: id });

  /** Exports and inspections waiting for the current process's reply; a silent process is ended like a Stop. */
  const requests = createProcessRequests({
    timeoutMs: options.replyTimeoutMs,
    onUnresponsive: (silentMs) => {
      if (child == null) return;
      const what = requests.waitingFor() ?? 'a request';
      const seconds = Math.round(silentMs / 1000);
      endUnresponsive(
        child,
        REPLY_TIMEOUT_CODE,
        `The training process did not answer ${what} within ${seconds} s (it was not answering: hung or suspended), ` +
          'so it was ended. The weights of this run are lost; your graph is unchanged: train again to export.',
      );
    },
  });

  const failPendingReplies = (message: string, code = 'ended') =>
    requests.fail((what) => new ReplyError(code, `${message} (${what})`));

  /** Sends a command that waits for its reply; `command` gets the request id. */
  const request = (
    target: ChildLike,
    what: string,
    command: (requestId: string) => TrainingCommand,
  ): Promise<unknown> => requests.send((requestId) => target.postMessage(command(requestId)), what);

  /**
   * Ends a process that stopped answering (a Stop not obeyed in time, a request not answered): kills it, fails what
   * waits for it, and ends its run with an error event carrying `code`. The host can start a run again at once.
   */
  const endUnresponsive = (target: ChildLike, code: string, message: string) => {
    if (child !== target) return;
    const id = childRunId!;
    const wasRunning = running;
    clearStopDeadline();
    running = false;
    started = false;
    child = null;
    childRunId = null;
    failPendingReplies(message, code);
    target.kill();
    if (wasRunning) publish({ type: 'error', code, message }, id);
  };

  const retireChild = () => {
    clearStopDeadline();
    const old = child;
    child = null;
    childRunId = null;
    failPendingReplies('The training process was replaced before it answered');
    old?.kill();
  };

  return {
    start(request) {
      if (running)
        throw new TrainingStateError('A training run is already in progress: stop it before starting another.');
      const parsed = zStartTrainingRequest.parse(request);
      retireChild();
      const id = randomUUID();
      const spawned = spawn();
      child = spawned;
      childRunId = id;
      running = true;
      started = false;
      requests.heard();
      spawned.onMessage((raw) => {
        if (child !== spawned) return;
        requests.heard();
        const message = zTrainingProcessMessage.safeParse(raw);
        if (!message.success) {
          publish(
            {
              type: 'error',
              code: 'internal',
              message: `Unreadable message from the training process: ${message.error.message}`,
            },
            id,
          );
          return;
        }
        if ('requestId' in message.data) {
          requests.settle(message.data);
          return;
        }
        const event = message.data;
        if (event.type === 'started') started = true;
        // The process answered: a pending Stop needs no kill, even while the model is being kept.
        if (TERMINAL.has(event.type)) clearStopDeadline();
        if ((event.type === 'done' || event.type === 'cancelled') && keeper && started) {
          // Still "running" until the model is kept, so a new start cannot replace the process half way.
          void keeper(id, (dir) => exportFrom(spawned, dir))
            .catch(() => undefined)
            .finally(() => {
              // Ended meanwhile (the process died, the host was disposed): that was reported instead.
              if (!running || child !== spawned) return;
              running = false;
              publish(event, id);
            });
          return;
        }
        if (TERMINAL.has(event.type)) running = false;
        publish(event, id);
      });
      spawned.onExit((code, signal) => {
        if (child !== spawned) return;
        child = null;
        childRunId = null;
        clearStopDeadline();
        failPendingReplies('The training process ended before it answered');
        if (!running) return;
        running = false;
        const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
        publish(
          {
            type: 'error',
            code: 'crashed',
            message:
              `The training process ${how} before the run finished, possibly because it ran out of memory. ` +
              'Your graph is unchanged: try again, perhaps with a smaller batch size or a smaller model.',
          },
          id,
        );
      });
      spawned.postMessage({ type: 'start', request: parsed });
      return id;
    },
    pause() {
      if (running) child?.postMessage({ type: 'pause' });
    },
    resume() {
      if (running) child?.postMessage({ type: 'resume' });
    },
    stop() {
      if (!running || child == null || childRunId == null) return;
      child.postMessage({ type: 'stop' });
      if (stopDeadline != null) return;
      // A hung or suspended process never ends the run: after the timeout it is killed, and the run ends here.
      const target = child;
      stopDeadline = setTimeout(() => {
        stopDeadline = null;
        if (!running) return;
        endUnresponsive(
          target,
          STOP_TIMEOUT_CODE,
          `The training process did not stop within ${Math.round(stopTimeoutMs / 1000)} s of Stop (it was not ` +
            'answering: hung or suspended), so it was ended. The weights of this run are lost; your graph is unchanged.',
        );
      }, stopTimeoutMs);
      // A pending deadline must not keep a CLI alive on its own.
      stopDeadline.unref?.();
    },
    exportModel(dir) {
      if (child == null || !started) return Promise.reject(new TrainingStateError(NO_MODEL_MESSAGE));
      return exportFrom(child, dir);
    },
    inspect(runId, query) {
      if (child == null || childRunId !== runId) {
        return Promise.reject(
          new TrainingStateError(
            childRunId === null
              ? 'There is no trained model to look inside: train the network first.'
              : 'That run’s model is no longer loaded: only the latest run of this session can be inspected.',
          ),
        );
      }
      const parsed = zViewQuery.parse(query);
      return request(child, 'the view query', (requestId) => ({
        type: 'inspect',
        requestId,
        query: parsed,
      })) as Promise<ViewResults[(typeof query)['kind']]>;
    },
    keepModels(next) {
      keeper = next;
    },
    hasModel: () => child != null && started,
    onEvent: (listener) => events.on(listener),
    isRunning() {
      return running;
    },
    dispose() {
      clearStopDeadline();
      events.clear();
      running = false;
      retireChild();
    },
  };

  function exportFrom(target: ChildLike, dir: string): Promise<void> {
    return request(target, 'the export', (requestId) => ({ type: 'export', dir, requestId })).then(() => undefined);
  }
}

/** Path of the training process entry, run through tsx so no build step is needed in Node contexts. */
export const TRAINING_PROCESS_ENTRY = fileURLToPath(new URL('./training-process.ts', import.meta.url));

/**
 * Forks the training process under Node with tsx as loader. The child's stdout goes to our stderr: in
 * `layerlab train --json` stdout carries only NDJSON events.
 */
export function forkTrainingProcess(): ChildLike {
  const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const child = fork(TRAINING_PROCESS_ENTRY, [], {
    execArgv: ['--import', tsxLoader],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  child.stdout?.pipe(process.stderr, { end: false });
  return {
    postMessage: (message) => {
      if (child.connected) child.send(message);
    },
    pid: child.pid,
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.once('exit', (code, signal) => listener(code, signal)),
    kill: () => {
      if (child.exitCode == null && child.signalCode == null) child.kill('SIGKILL');
    },
  };
}
