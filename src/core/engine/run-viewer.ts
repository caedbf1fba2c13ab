import { createHash } from 'node:crypto';
import {
  zTrainingProcessMessage,
  zRunModel,
  type RunModel,
  type TrainingCommand,
} from '../../shared/ipc/training-protocol';
import { zViewQuery, type ViewQuery, type ViewResults } from '../../shared/views/view-queries';
import { createProcessRequests, REPLY_TIMEOUT_CODE, ReplyError } from './process-requests';
import { forkTrainingProcess, TrainingStateError, type ChildLike } from './training-host';

/** Ids of the runs a viewer answers for start with this, so `views.query` knows where to send a query. */
export const VIEWER_ID_PREFIX = 'viewer-';

/**
 * What the viewer remembers of the runs opened this session, so it can load one again after another replaced it: at
 * most this many runs and this many bytes of their (base64) weights, the least recently used forgotten first.
 */
export const RUN_VIEWER_LIMITS = { runs: 8, weightBytes: 256 * 1024 * 1024 } as const;

export const VIEWER_FORGOT_MESSAGE =
  'That run’s model is no longer loaded (LayerLab loads the runs you look at one at a time): select the run again.';

/**
 * Answers the views of finished runs whose training process is gone (an older run of the session, the runs of a
 * reopened project or a reloaded page) from their saved weights, in a process of the training entry of its own
 * (`restore`), so the views are computed by the same code as a live run's and never on the host's event loop. One run
 * is loaded at a time: opening another replaces the process, so switching runs never leaves processes behind.
 */
export interface RunViewer {
  /**
   * Loads `run` (unless it is the one loaded) and returns the id `inspect` answers it under; the same run always gets
   * the same id. `dataProblem`: why the run's data must not be read (its file is not granted this session); the views
   * that need samples then say so. Fails with the reason when the weights don't fit the run's graph.
   */
  open(run: RunModel, options?: { dataProblem?: string }): Promise<string>;
  /** Whether `id` names a run of this viewer (it may need loading again). */
  owns(id: string): boolean;
  /** Answers a view query from the run opened under `id`, loading it again when another run replaced it. */
  inspect<Q extends ViewQuery>(id: string, query: Q): Promise<ViewResults[Q['kind']]>;
  /** Ends the viewer process and forgets every run (the project was closed); the next open starts afresh. */
  close(): void;
  /** The viewer process's id while one runs (tests check no process is left behind). */
  pid(): number | null;
  dispose(): void;
}

interface Source {
  run: RunModel;
  dataProblem?: string;
}

interface Loaded {
  id: string;
  child: ChildLike;
  /** Settles once the process has restored the run (rejects with why it could not). */
  ready: Promise<void>;
}

export function createRunViewer(options: { spawn?: () => ChildLike; replyTimeoutMs?: number } = {}): RunViewer {
  const spawn = options.spawn ?? (() => forkTrainingProcess());
  /** Restores and queries waiting for the viewer process; one that stays silent is ended like the host's. */
  const requests = createProcessRequests({
    timeoutMs: options.replyTimeoutMs,
    onUnresponsive: (silentMs) => {
      unload(
        (what) =>
          `The process showing this run did not answer ${what} within ${Math.round(silentMs / 1000)} s ` +
          '(hung or suspended), so it was ended: select the run again.',
        REPLY_TIMEOUT_CODE,
      );
    },
  });
  const send = (child: ChildLike, what: string, command: (requestId: string) => TrainingCommand) =>
    requests.send((requestId) => child.postMessage(command(requestId)), what);
  /** Runs opened this session by id, least recently used first. */
  const sources = new Map<string, Source>();
  let loaded: Loaded | null = null;

  const remember = (id: string, source: Source) => {
    sources.delete(id);
    sources.set(id, source);
    let bytes = 0;
    for (const kept of sources.values()) bytes += kept.run.weights.data.length;
    for (const [oldId, old] of sources) {
      if (sources.size <= 1 || (sources.size <= RUN_VIEWER_LIMITS.runs && bytes <= RUN_VIEWER_LIMITS.weightBytes))
        break;
      if (oldId === id) continue;
      sources.delete(oldId);
      bytes -= old.run.weights.data.length;
    }
  };

  /** Ends the loaded process; what waits for it fails with `reason` (a string is followed by what was asked). */
  const unload = (reason: string | ((what: string) => string), code = 'ended') => {
    const old = loaded;
    loaded = null;
    requests.fail((what) => new ReplyError(code, typeof reason === 'string' ? `${reason} (${what})` : reason(what)));
    old?.child.kill();
  };

  const load = (id: string): Loaded => {
    if (loaded?.id === id) return loaded;
    const source = sources.get(id);
    if (!source) throw new TrainingStateError(VIEWER_FORGOT_MESSAGE);
    unload('Another run was loaded to be looked at before this one answered: select the run again.');
    const child = spawn();
    const ready = new Promise<void>((resolve, reject) => {
      child.onMessage((raw) => {
        if (loaded?.child !== child) return;
        requests.heard();
        const message = zTrainingProcessMessage.safeParse(raw);
        // A viewer sends no training events; anything unreadable has nobody waiting for it.
        if (message.success && 'requestId' in message.data) requests.settle(message.data);
      });
      child.onExit((code, signal) => {
        if (loaded?.child !== child) return;
        loaded = null;
        const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
        requests.fail(
          (what) =>
            new ReplyError(
              'ended',
              `The process showing this run ${how} before it answered ${what}: select the run again.`,
            ),
        );
      });
      send(child, 'the restore', (requestId) => ({
        type: 'restore',
        requestId,
        run: source.run,
        ...(source.dataProblem !== undefined ? { dataProblem: source.dataProblem } : {}),
      })).then(() => resolve(), reject);
    });
    const current: Loaded = { id, child, ready };
    loaded = current;
    // A run that can't be restored is not kept loaded: the next question tries again (and says why again).
    ready.catch(() => {
      if (loaded === current) unload('The run could not be loaded');
    });
    return current;
  };

  return {
    async open(run, openOptions = {}) {
      const source: Source = {
        run: zRunModel.parse(run),
        ...(openOptions.dataProblem !== undefined ? { dataProblem: openOptions.dataProblem } : {}),
      };
      const id = VIEWER_ID_PREFIX + createHash('sha256').update(JSON.stringify(source)).digest('hex').slice(0, 32);
      remember(id, source);
      await load(id).ready;
      return id;
    },
    owns: (id) => id.startsWith(VIEWER_ID_PREFIX),
    async inspect(id, query) {
      const parsed = zViewQuery.parse(query);
      const source = sources.get(id);
      if (!source) throw new TrainingStateError(VIEWER_FORGOT_MESSAGE);
      remember(id, source);
      const target = load(id);
      await target.ready;
      return (await send(target.child, 'the view query', (requestId) => ({
        type: 'inspect',
        requestId,
        query: parsed,
      }))) as never;
    },
    close() {
      sources.clear();
      unload('The project was closed');
    },
    pid: () => loaded?.child.pid ?? null,
    dispose() {
      sources.clear();
      unload('LayerLab is closing');
    },
  };
}
