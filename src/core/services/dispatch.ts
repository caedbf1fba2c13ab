import {
  invokeContract,
  isContractChannel,
  parseContractPayload,
  type Contract,
  type HandlersFor,
} from '../../shared/ipc/ipc-contract';

/** Thrown for a channel outside the contract (including anything without the `layerlab:` prefix). */
export class UnknownChannelError extends Error {
  constructor(channel: unknown) {
    super(`Unknown IPC channel: ${typeof channel === 'string' ? channel : typeof channel}`);
    this.name = 'UnknownChannelError';
  }
}

export type Dispatch = (channel: unknown, payload: unknown) => Promise<unknown>;

/**
 * Route one invoke, for either host: reject channels outside `contract`, parse the payload with the channel's
 * schema, run the handler. Electron main dispatches the shared contract; the browser-mode server the shared contract
 * plus its upload/download channels.
 */
export function createDispatcher<T extends Contract = typeof invokeContract>(
  handlers: HandlersFor<T>,
  contract: T = invokeContract as unknown as T,
): Dispatch {
  return async (channel, payload) => {
    if (!isContractChannel(contract, channel)) throw new UnknownChannelError(channel);
    const request = parseContractPayload(contract, channel, payload);
    return (handlers[channel] as (request: unknown) => Promise<unknown>)(request);
  };
}
