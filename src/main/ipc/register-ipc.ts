import { INVOKE_CHANNELS, sendContract, type InvokeHandlers, type SendChannel } from '../../shared/ipc/ipc-contract';
import { toClientError } from '../../core/services/client-error';
import { createDispatcher } from '../../core/services/dispatch';

/** The slice of Electron's `ipcMain` used here, so handlers are tested with a fake. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
  on(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (...args: any[]) => void): unknown;
}

/** What we read of an IPC event: the frame that sent it. */
export interface IpcEventLike {
  senderFrame?: { url: string } | null;
}

export type SendHandlers = { [C in SendChannel]: (payload: ReturnType<(typeof sendContract)[C]['parse']>) => void };

export interface RegisterOptions {
  /** Only frames showing our own UI may call main; anything else (an injected iframe, a navigated page) is refused. */
  isTrustedSender(event: IpcEventLike): boolean;
  /** Where refused or malformed one-way messages are reported; they have no reply to carry an error. */
  warn?: (message: string) => void;
}

/**
 * Register every contract channel on `ipcMain`. Invokes are routed through the shared dispatcher (zod-parsed,
 * unknown channels rejected); one-way messages are parsed too and dropped with a warning when malformed.
 * Returns a function that removes everything registered.
 */
export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  handlers: InvokeHandlers,
  sends: SendHandlers,
  options: RegisterOptions,
): () => void {
  const dispatch = createDispatcher(handlers);
  const warn = options.warn ?? (() => {});

  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, (event, ...args) => {
      if (!options.isTrustedSender(event)) {
        throw new Error(`Refused ${channel} from an untrusted frame (${event.senderFrame?.url ?? 'unknown'}).`);
      }
      if (args.length > 1)
        throw new Error(`Invalid payload for ${channel}: expected one argument, got ${args.length}.`);
      return dispatch(channel, args[0]).catch((error: unknown) => {
        // Electron hands the message to the renderer: say what failed without main's folders or internals.
        const reply = toClientError(error);
        if (reply.internal)
          warn(`${channel} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        throw new Error(reply.message);
      });
    });
  }

  const sendListeners = (Object.keys(sendContract) as SendChannel[]).map((channel) => {
    const listener = (event: IpcEventLike, payload: unknown) => {
      if (!options.isTrustedSender(event)) return warn(`Refused ${channel} from an untrusted frame.`);
      const parsed = sendContract[channel].safeParse(payload);
      if (!parsed.success) return warn(`Dropped malformed ${channel}: ${parsed.error.message}`);
      sends[channel](parsed.data);
    };
    ipcMain.on(channel, listener);
    return { channel, listener };
  });

  return () => {
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(channel);
    for (const { channel, listener } of sendListeners) ipcMain.removeListener(channel, listener);
  };
}
