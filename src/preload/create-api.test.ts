import { describe, expect, it, vi } from 'vitest';
import { exposeLayerLabApi, type IpcRendererLike } from './create-api';

function fakeIpcRenderer() {
  const listeners = new Map<string, ((event: unknown, ...args: unknown[]) => void)[]>();
  const ipc = {
    invoke: vi.fn(async (channel: string, ...args: unknown[]) => ({ channel, args })),
    send: vi.fn(),
    on: vi.fn((channel: string, fn: (event: unknown, ...args: unknown[]) => void) => {
      listeners.set(channel, [...(listeners.get(channel) ?? []), fn]);
    }),
    removeListener: vi.fn((channel: string, fn: (...args: any[]) => void) => {
      listeners.set(
        channel,
        (listeners.get(channel) ?? []).filter((l) => l !== fn),
      );
    }),
  } satisfies IpcRendererLike;
  const emit = (channel: string, payload: unknown) => {
    for (const fn of listeners.get(channel) ?? []) fn({ sender: ipc, senderId: 0 }, payload);
  };
  return { ipc, emit, listeners };
}

/** Every function reachable from an object, as dotted paths. */
function shape(value: unknown, prefix = ''): string[] {
  if (typeof value === 'function') return [prefix];
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => shape(v, prefix ? `${prefix}.${k}` : k));
  return [`${prefix}=${JSON.stringify(value)}`];
}

function exposed() {
  const fake = fakeIpcRenderer();
  const bridge = { exposeInMainWorld: vi.fn() };
  exposeLayerLabApi(bridge, fake.ipc);
  expect(bridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [key, api] = bridge.exposeInMainWorld.mock.calls[0] as [string, any];
  return { key, api, ...fake };
}

describe('preload API', () => {
  it('exposes exactly the LayerLabApi named actions under window.layerlab', () => {
    const { key, api } = exposed();
    expect(key).toBe('layerlab');
    expect(shape(api).sort()).toEqual(
      [
        'platform="electron"',
        'training.start',
        'training.pause',
        'training.resume',
        'training.stop',
        'training.exportModel',
        'training.onEvent',
        'views.query',
        'views.open',
        'views.close',
        'datasets.list',
        'datasets.describe',
        'datasets.preview',
        'files.save',
        'datasets.importFile',
        'projects.open',
        'projects.openRecent',
        'projects.importModel',
        'projects.save',
        'projects.recent',
        'projects.writeAutosave',
        'projects.readAutosave',
        'projects.clearAutosave',
        'exercises.check',
        'exercises.stopCheck',
        'exercises.openFile',
        'exercises.onCheckEvent',
        'app.onMenuCommand',
        'app.setDirtyState',
      ].sort(),
    );
  });

  it('never exposes ipcRenderer or any of its methods', () => {
    const { api, ipc } = exposed();
    const seen = new Set<unknown>();
    const walk = (v: unknown) => {
      if (!v || (typeof v !== 'object' && typeof v !== 'function') || seen.has(v)) return;
      seen.add(v);
      expect(v).not.toBe(ipc);
      for (const method of Object.values(ipc)) expect(v).not.toBe(method);
      if (typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(api);
  });

  it('maps each action to its layerlab: channel with one payload', async () => {
    const { api, ipc } = exposed();
    await api.datasets.preview({ kind: 'builtin', id: 'fonts' }, 3);
    await api.projects.openRecent('h1');
    await api.training.pause();
    expect(ipc.invoke.mock.calls).toEqual([
      ['layerlab:datasets.preview', { ref: { kind: 'builtin', id: 'fonts' }, perClass: 3 }],
      ['layerlab:projects.openRecent', { handle: 'h1' }],
      ['layerlab:training.pause', undefined],
    ]);
    api.app.setDirtyState({ unsavedChanges: true, training: false });
    expect(ipc.send).toHaveBeenCalledWith('layerlab:app.setDirtyState', { unsavedChanges: true, training: false });
  });

  it('passes listeners the payload only, and unsubscribes', () => {
    const { api, emit, listeners } = exposed();
    const onEvent = vi.fn();
    const onMenu = vi.fn();
    const off = api.training.onEvent(onEvent);
    api.app.onMenuCommand(onMenu);
    emit('layerlab:training.event', { type: 'paused', epoch: 1, batch: 2, runId: 'r' });
    emit('layerlab:app.menuCommand', { command: 'openRecent', detail: { handle: 'h' } });
    expect(onEvent).toHaveBeenCalledWith({ type: 'paused', epoch: 1, batch: 2, runId: 'r' });
    expect(onEvent.mock.calls[0]).toHaveLength(1);
    expect(onMenu).toHaveBeenCalledWith('openRecent', { handle: 'h' });
    off();
    expect(listeners.get('layerlab:training.event')).toEqual([]);
  });

  it("passes the running check's training events to the exercises' listeners", () => {
    const { api, emit, listeners } = exposed();
    const onCheck = vi.fn();
    const off = api.exercises.onCheckEvent(onCheck);
    emit('layerlab:exercises.checkEvent', { type: 'paused', epoch: 2, batch: 1 });
    expect(onCheck.mock.calls).toEqual([[{ type: 'paused', epoch: 2, batch: 1 }]]);
    off();
    expect(listeners.get('layerlab:exercises.checkEvent')).toEqual([]);
  });
});
