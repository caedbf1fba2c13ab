import type { IpcEventLike, IpcMainLike } from './register-ipc';

type Listener = (event: IpcEventLike, ...args: unknown[]) => unknown;

/** A stand-in for Electron's ipcMain: invoking an unregistered channel fails, like Electron's "No handler registered". */
export function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const listeners = new Map<string, Listener[]>();
  const ipcMain: IpcMainLike = {
    handle: (channel, fn) => void handlers.set(channel, fn),
    removeHandler: (channel) => void handlers.delete(channel),
    on: (channel, fn) => listeners.set(channel, [...(listeners.get(channel) ?? []), fn]),
    removeListener: (channel, fn) =>
      listeners.set(
        channel,
        (listeners.get(channel) ?? []).filter((l) => l !== fn),
      ),
  };
  const trusted: IpcEventLike = { senderFrame: { url: 'app://layerlab/index.html' } };
  return {
    ipcMain,
    handlers,
    listeners,
    async invoke(channel: string, payload?: unknown, event: IpcEventLike = trusted) {
      const fn = handlers.get(channel);
      if (!fn) throw new Error(`No handler registered for '${channel}'`);
      return fn(event, ...(payload === undefined ? [] : [payload]));
    },
    send(channel: string, payload: unknown, event: IpcEventLike = trusted) {
      for (const fn of listeners.get(channel) ?? []) fn(event, payload);
    },
  };
}
