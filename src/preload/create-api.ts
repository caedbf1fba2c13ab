import type { LayerLabApi, MenuCommand, MenuCommandDetail } from '../shared/ipc/api';
import { invokeApi, type EventChannel, type EventMap, type Invoker } from '../shared/ipc/ipc-contract';

/** The slice of Electron's `ipcRenderer` the preload uses; tests pass a fake. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (...args: any[]) => void): unknown;
}

/**
 * The object exposed as `window.layerlab`: exactly LayerLabApi's named actions. Listeners get the payload only,
 * never the IPC event (whose `sender` would hand the page ipcRenderer itself).
 */
export function createPreloadApi(ipcRenderer: IpcRendererLike): LayerLabApi {
  const invoke: Invoker = (channel, payload) => ipcRenderer.invoke(channel, payload) as never;

  function subscribe<C extends EventChannel>(channel: C, listener: (payload: EventMap[C]) => void): () => void {
    const wrapped = (_event: unknown, payload: unknown) => listener(payload as EventMap[C]);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  }

  const { training, views, datasets, projects, files, exercises } = invokeApi(invoke);
  return {
    platform: 'electron',
    training: { ...training, onEvent: (listener) => subscribe('layerlab:training.event', listener) },
    views,
    datasets,
    projects,
    files,
    exercises: { ...exercises, onCheckEvent: (listener) => subscribe('layerlab:exercises.checkEvent', listener) },
    app: {
      onMenuCommand: (listener: (command: MenuCommand, detail?: MenuCommandDetail) => void) =>
        subscribe('layerlab:app.menuCommand', ({ command, detail }) => listener(command, detail)),
      setDirtyState: (state) => ipcRenderer.send('layerlab:app.setDirtyState', state),
    },
  };
}

/** The slice of Electron's `contextBridge` used here. */
export interface ContextBridgeLike {
  exposeInMainWorld(key: string, api: unknown): void;
}

/** Expose the API under `window.layerlab`; the preload's whole job. */
export function exposeLayerLabApi(contextBridge: ContextBridgeLike, ipcRenderer: IpcRendererLike): void {
  contextBridge.exposeInMainWorld('layerlab', createPreloadApi(ipcRenderer));
}
