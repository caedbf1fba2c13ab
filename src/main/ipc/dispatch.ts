import { isInvokeChannel, parseInvokePayload, type InvokeHandlers } from '../../shared/ipc/ipc-contract';

/** Thrown for a channel outside the contract (including anything without the `layerlab:` prefix). */
export class UnknownChannelError extends Error {
  constructor(channel: unknown) {
    super(`Unknown IPC channel: ${typeof channel === 'string' ? channel : typeof channel}`);
    this.name = 'UnknownChannelError';
  }
}

export type Dispatch = (channel: unknown, payload: unknown) => Promise<unknown>;

/** Route one invoke: reject channels outside the contract, parse the payload with the channel's schema, run the handler. */
export function createDispatcher(handlers: InvokeHandlers): Dispatch {
  return async (channel, payload) => {
    if (!isInvokeChannel(channel)) throw new UnknownChannelError(channel);
    const request = parseInvokePayload(channel, payload);
    const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
    return handler(request);
  };
}
