import { describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS, type InvokeHandlers } from '../../shared/ipc/ipc-contract';
import { fakeIpcMain } from './fake-ipc-main';
import { registerIpcHandlers } from './register-ipc';

function fakeHandlers(): InvokeHandlers {
  const handlers = Object.fromEntries(
    INVOKE_CHANNELS.map((c) => [c, vi.fn(async () => undefined)]),
  ) as unknown as InvokeHandlers;
  handlers['layerlab:datasets.list'] = vi.fn(async () => [{ id: 'xor' } as never]);
  handlers['layerlab:projects.openRecent'] = vi.fn(async ({ handle }) => ({
    handle,
    name: 'a.layerlab.json',
    text: '{}',
  }));
  return handlers;
}

const validStart = {
  graph: {
    version: 1,
    nodes: [{ id: 'in', kind: 'Input', config: { shape: [2] }, position: { x: 0, y: 0 } }],
    edges: [],
  },
  training: {
    optimizer: 'adam',
    learningRate: 0.01,
    epochs: 2,
    batchSize: 8,
    loss: 'categoricalCrossentropy',
    validationSplit: 0.2,
    shuffle: true,
    seed: 1,
  },
  dataset: { kind: 'builtin', id: 'xor' },
  task: 'classification',
};

function setup() {
  const fake = fakeIpcMain();
  const handlers = fakeHandlers();
  const setDirty = vi.fn();
  const warn = vi.fn();
  const dispose = registerIpcHandlers(
    fake.ipcMain,
    handlers,
    { 'layerlab:app.setDirtyState': setDirty },
    {
      isTrustedSender: (event) => event.senderFrame?.url === 'app://layerlab/index.html',
      warn,
    },
  );
  return { fake, handlers, setDirty, warn, dispose };
}

describe('registerIpcHandlers', () => {
  it('registers exactly the contract channels, all prefixed layerlab:', () => {
    const { fake } = setup();
    expect([...fake.handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
    for (const channel of fake.handlers.keys()) expect(channel.startsWith('layerlab:')).toBe(true);
    expect([...fake.listeners.keys()]).toEqual(['layerlab:app.setDirtyState']);
  });

  it('routes a valid payload to its handler and returns the result', async () => {
    const { fake, handlers } = setup();
    await expect(fake.invoke('layerlab:datasets.list')).resolves.toEqual([{ id: 'xor' }]);
    await expect(fake.invoke('layerlab:projects.openRecent', { handle: 'h1' })).resolves.toMatchObject({
      handle: 'h1',
    });
    await fake.invoke('layerlab:training.start', validStart);
    expect(handlers['layerlab:training.start']).toHaveBeenCalledWith(validStart);
  });

  it('rejects malformed payloads without calling the handler, naming the field', async () => {
    const { fake, handlers } = setup();
    await expect(fake.invoke('layerlab:projects.openRecent', { handle: 42 })).rejects.toThrow(/openRecent: handle/);
    await expect(fake.invoke('layerlab:projects.openRecent', 'h1')).rejects.toThrow(/Invalid payload/);
    const badStart = { ...validStart, training: { ...validStart.training, learningRate: -1 } };
    await expect(fake.invoke('layerlab:training.start', badStart)).rejects.toThrow(/training\.learningRate/);
    await expect(
      fake.invoke('layerlab:datasets.preview', { ref: { kind: 'builtin', id: 'xor' }, perClass: 1e9 }),
    ).rejects.toThrow(/perClass/);
    await expect(fake.invoke('layerlab:datasets.list', { sneaky: true })).rejects.toThrow(/Invalid payload/);
    expect(handlers['layerlab:projects.openRecent']).not.toHaveBeenCalled();
    expect(handlers['layerlab:training.start']).not.toHaveBeenCalled();
    expect(handlers['layerlab:datasets.list']).not.toHaveBeenCalled();
  });

  it('rejects extra arguments and unknown channels', async () => {
    const { fake } = setup();
    const list = fake.handlers.get('layerlab:datasets.list')!;
    await expect(
      Promise.resolve().then(() => list({ senderFrame: { url: 'app://layerlab/index.html' } }, undefined, 'x')),
    ).rejects.toThrow(/one argument/);
    await expect(fake.invoke('layerlab:fs.readFile', { path: '/etc/passwd' })).rejects.toThrow(/No handler/);
    await expect(fake.invoke('datasets.list')).rejects.toThrow(/No handler/);
  });

  it('refuses calls from frames that are not the app', async () => {
    const { fake, handlers } = setup();
    const foreign = { senderFrame: { url: 'https://evil.example/' } };
    await expect(fake.invoke('layerlab:datasets.list', undefined, foreign)).rejects.toThrow(/untrusted frame/);
    await expect(fake.invoke('layerlab:datasets.list', undefined, { senderFrame: null })).rejects.toThrow(/untrusted/);
    expect(handlers['layerlab:datasets.list']).not.toHaveBeenCalled();
  });

  it('parses one-way messages and drops malformed or foreign ones with a warning', () => {
    const { fake, setDirty, warn } = setup();
    fake.send('layerlab:app.setDirtyState', { unsavedChanges: true, training: false });
    expect(setDirty).toHaveBeenCalledWith({ unsavedChanges: true, training: false });
    fake.send('layerlab:app.setDirtyState', { unsavedChanges: 'yes' });
    fake.send(
      'layerlab:app.setDirtyState',
      { unsavedChanges: true, training: true },
      { senderFrame: { url: 'https://evil.example/' } },
    );
    expect(setDirty).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it('answers failures in words the renderer may see: no host folders, no internals', async () => {
    const { fake, handlers, warn } = setup();
    const enoent = Object.assign(
      new Error("ENOENT: no such file or directory, open '/home/ada/.config/LayerLab/recent-projects.json'"),
      { code: 'ENOENT', syscall: 'open', path: '/home/ada/.config/LayerLab/recent-projects.json' },
    );
    handlers['layerlab:projects.recent'] = vi.fn(async () => Promise.reject(enoent));
    await expect(fake.invoke('layerlab:projects.recent')).rejects.toThrow(
      /^“recent-projects\.json” does not exist \(any more\)\.$/,
    );
    handlers['layerlab:datasets.list'] = vi.fn(async () => Promise.reject(new TypeError('x is not a function')));
    await expect(fake.invoke('layerlab:datasets.list')).rejects.toThrow(/^Something went wrong inside LayerLab/);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('x is not a function'));
  });

  it('removes everything it registered', () => {
    const { fake, dispose } = setup();
    dispose();
    expect(fake.handlers.size).toBe(0);
    expect(fake.listeners.get('layerlab:app.setDirtyState')).toEqual([]);
  });
});
