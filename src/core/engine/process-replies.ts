import { randomUUID } from 'node:crypto';
import type { TrainingCommand, TrainingReply } from '../../shared/ipc/training-protocol';

/** What a training process is to whoever sends it commands that wait for a reply. */
export interface CommandTarget {
  postMessage(message: TrainingCommand): void;
}

/** A command the training process refused or failed, with its code (`bad-input` for a query that doesn't apply). */
export class ReplyError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ReplyError';
  }
}

/**
 * Commands sent to a training process that wait for its reply (export, inspect, restore), matched by request id: the
 * training host and the run viewer share this bookkeeping.
 */
export class PendingReplies {
  private readonly pending = new Map<string, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  /** Sends a command that waits for its reply; `command` gets the request id. */
  send(target: CommandTarget, command: (requestId: string) => TrainingCommand): Promise<unknown> {
    const requestId = randomUUID();
    return new Promise((resolve, reject) => {
      this.pending.set(requestId, { resolve, reject });
      target.postMessage(command(requestId));
    });
  }

  /** Settles the command `reply` answers: with the inspected result, or a ReplyError for a failure. */
  settle(reply: TrainingReply): void {
    const pending = this.pending.get(reply.requestId);
    if (pending == null) return;
    this.pending.delete(reply.requestId);
    switch (reply.type) {
      case 'inspected':
        pending.resolve(reply.result);
        return;
      case 'export-failed':
      case 'inspect-failed':
      case 'restore-failed':
      case 'describe-failed':
        pending.reject(new ReplyError(reply.code, reply.message));
        return;
      default:
        pending.resolve(undefined);
    }
  }

  /** Every command still waiting fails with `message` (its process ended or was replaced). */
  failAll(message: string): void {
    for (const pending of this.pending.values()) pending.reject(new Error(message));
    this.pending.clear();
  }
}
