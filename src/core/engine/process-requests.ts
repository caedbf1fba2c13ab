import { randomUUID } from 'node:crypto';
import type { TrainingReply } from '../../shared/ipc/training-protocol';

/**
 * How long a process may say nothing while the host waits for its answer before it is taken as hung (suspended with
 * SIGSTOP, stuck in a loop). A training process posts batch events while it trains and answers at once when paused
 * or finished, so silence this long means nobody is there; a view query waiting for the views' time budget is not
 * silence.
 */
export const REPLY_TIMEOUT_MS = 30_000;

export const REPLY_TIMEOUT_CODE = 'reply-timeout';

/** A command the training process refused, failed, or never answered, with its code (`bad-input`, `reply-timeout`). */
export class ReplyError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ReplyError';
  }
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  /** What was asked, for the timeout's message: "the export", "the view query". */
  what: string;
}

/**
 * The host's requests to one process and their replies, by request id: the one place the host asks a training
 * process something and waits (exports, view queries; the run viewer's restores and queries), so every such wait has
 * the same deadline. While a request is pending, a process that posts nothing for `timeoutMs` is reported once to
 * `onUnresponsive`, which ends it (the Stop escalation's path); the caller then fails what is pending with `fail`.
 */
export interface ProcessRequests {
  /** Posts `command(requestId)` and resolves with the reply's value; `what` names the request in a timeout. */
  send(post: (requestId: string) => void, what: string): Promise<unknown>;
  /** The process said something (any message): it is alive. */
  heard(): void;
  resolve(requestId: string, value: unknown): void;
  reject(requestId: string, error: Error): void;
  /** Settles the request `reply` answers: with the inspected result, or a ReplyError for a failure. */
  settle(reply: TrainingReply): void;
  /** Rejects every pending request with `error(what)` and stops the deadline. */
  fail(error: (what: string) => Error): void;
  /** What the oldest pending request asked, if any. */
  waitingFor(): string | null;
}

export function createProcessRequests(options: {
  timeoutMs?: number;
  /** Called once per silence while requests are pending; ends the process and fails the requests. */
  onUnresponsive: (silentForMs: number) => void;
  now?: () => number;
}): ProcessRequests {
  const timeoutMs = options.timeoutMs ?? REPLY_TIMEOUT_MS;
  const now = options.now ?? (() => performance.now());
  const pending = new Map<string, Pending>();
  let lastHeard = now();
  let timer: ReturnType<typeof setTimeout> | null = null;

  const disarm = () => {
    if (timer != null) clearTimeout(timer);
    timer = null;
  };
  const arm = (delayMs: number) => {
    disarm();
    timer = setTimeout(check, Math.max(1, delayMs));
    // A pending deadline must not keep a CLI alive on its own.
    timer.unref?.();
  };
  function check(): void {
    timer = null;
    if (pending.size === 0) return;
    const silent = now() - lastHeard;
    if (silent >= timeoutMs) options.onUnresponsive(silent);
    else arm(timeoutMs - silent);
  }
  const settle = (requestId: string): Pending | undefined => {
    const entry = pending.get(requestId);
    pending.delete(requestId);
    if (pending.size === 0) disarm();
    return entry;
  };

  return {
    send(post, what) {
      const requestId = randomUUID();
      return new Promise((resolve, reject) => {
        // The deadline counts from the request (or a later message), never from a silence before it.
        if (pending.size === 0) lastHeard = now();
        pending.set(requestId, { resolve, reject, what });
        if (timer == null) arm(timeoutMs - (now() - lastHeard));
        post(requestId);
      });
    },
    heard() {
      lastHeard = now();
    },
    resolve(requestId, value) {
      settle(requestId)?.resolve(value);
    },
    reject(requestId, error) {
      settle(requestId)?.reject(error);
    },
    settle(reply) {
      const entry = settle(reply.requestId);
      if (entry == null) return;
      switch (reply.type) {
        case 'inspected':
          entry.resolve(reply.result);
          return;
        case 'described':
          entry.resolve(reply.preview);
          return;
        case 'export-failed':
        case 'inspect-failed':
        case 'restore-failed':
        case 'describe-failed':
          entry.reject(new ReplyError(reply.code, reply.message));
          return;
        default:
          entry.resolve(undefined);
      }
    },
    fail(error) {
      disarm();
      const entries = [...pending.values()];
      pending.clear();
      for (const entry of entries) entry.reject(error(entry.what));
    },
    waitingFor: () => pending.values().next().value?.what ?? null,
  };
}
