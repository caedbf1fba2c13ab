import { unzipSync } from 'fflate';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { createServices, type Services } from '../core/services/create-services';
import type { ModelKeeper, TrainingHost } from '../core/engine/training-host';
import type { TrainingEvent } from '../shared/ipc/training-events';
import { XOR_MLP } from '../shared/templates/xor-mlp';
import type { DatasetRef } from '../shared/training/dataset';
import {
  createWebHostApi,
  type BrowserFiles,
  type RecentStore,
  type SocketLike,
} from '../renderer/src/host/web-client';
import { startWebServer, type WebServer } from './server';

/** A training host that never spawns: tests drive its events and export by hand. */
function fakeTrainingHost() {
  let listener: ((event: TrainingEvent & { runId: string }) => void) | null = null;
  let started = false;
  let keeper: ModelKeeper | null = null;
  const host: TrainingHost = {
    start: () => 'run-1',
    pause: () => {},
    resume: () => {},
    stop: () => {},
    async exportModel(dir) {
      await fs.writeFile(join(dir, 'model.json'), '{"modelTopology":{}}');
      await fs.writeFile(join(dir, 'weights.bin'), Buffer.from([1, 2, 3]));
    },
    hasModel: () => started,
    keepModels: (next) => void (keeper = next),
    onEvent: (l) => {
      listener = l;
      return () => void (listener = null);
    },
    isRunning: () => false,
    dispose: () => {},
  };
  return {
    host,
    /** Publishes the event; a run that ends is first kept, as the real host does. */
    emit: async (event: TrainingEvent) => {
      if (event.type === 'started') started = true;
      if ((event.type === 'done' || event.type === 'cancelled') && keeper)
        await keeper('run-1', async (dir) => {
          await fs.mkdir(dir, { recursive: true });
          await host.exportModel(dir);
        });
      listener?.({ ...event, runId: 'run-1' });
    },
  };
}

let server: WebServer;
let services: Services;
let training: ReturnType<typeof fakeTrainingHost>;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'layerlab-web-'));
  const rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>LayerLab</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), 'do not serve');
  training = fakeTrainingHost();
  services = createServices({ userDataDir: join(root, 'user'), trainingHost: training.host });
  server = await startWebServer({ port: 0, rendererDir, services });
});

afterAll(async () => {
  await server?.close();
  services?.dispose();
  rmSync(root, { recursive: true, force: true });
});

const origin = () => `http://127.0.0.1:${server.port}`;

/** Try a WebSocket handshake; resolves 'open' or the HTTP status it was refused with. */
function handshake(url: string, headers: { origin?: string; host?: string } = {}): Promise<'open' | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, {
      origin: headers.origin,
      headers: headers.host ? { Host: headers.host } : undefined,
    });
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? -1));
    ws.on('error', () => resolve(-1));
  });
}

function get(path: string, host?: string): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers: host ? { Host: host } : {} }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

function memoryRecent(): RecentStore {
  const entries = new Map<string, { name: string; text: string }>();
  return {
    list: () => [...entries].map(([handle, { name }]) => ({ handle, name })),
    get: (handle) => entries.get(handle)?.text ?? null,
    put: (name, text) => (entries.set(`web:${name}`, { name, text }), `web:${name}`),
  };
}

function client(options: { token?: string; files?: Partial<BrowserFiles> } = {}) {
  const downloads: { name: string; data: Uint8Array | string }[] = [];
  const api = createWebHostApi({
    origin: origin(),
    token: options.token ?? server.token,
    openSocket: (url) => new WebSocket(url, { origin: origin() }) as unknown as SocketLike,
    files: {
      pickFile: async () => null,
      download: (name, data) => void downloads.push({ name, data }),
      ...options.files,
    },
    recent: memoryRecent(),
  });
  return { api, downloads };
}

describe('web server: WebSocket access', () => {
  const wsUrl = (token?: string) => `ws://127.0.0.1:${server.port}/ws${token === undefined ? '' : `?token=${token}`}`;

  it('prints a URL with a long random token on loopback', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(40);
  });

  it('refuses a connection without the token', async () => {
    expect(await handshake(wsUrl(), { origin: origin() })).toBe(401);
  });

  it('refuses a wrong token, even one differing by a character', async () => {
    expect(await handshake(wsUrl('nope'), { origin: origin() })).toBe(401);
    const almost = server.token.slice(0, -1) + (server.token.endsWith('A') ? 'B' : 'A');
    expect(await handshake(wsUrl(almost), { origin: origin() })).toBe(401);
  });

  it('refuses a foreign or missing Origin, even with the right token', async () => {
    expect(await handshake(wsUrl(server.token), { origin: 'https://evil.example' })).toBe(403);
    expect(await handshake(wsUrl(server.token), { origin: `http://127.0.0.1:${server.port + 1}` })).toBe(403);
    expect(await handshake(wsUrl(server.token), {})).toBe(403);
  });

  it('refuses a rebinding Host header', async () => {
    expect(await handshake(wsUrl(server.token), { origin: origin(), host: `evil.example:${server.port}` })).toBe(403);
  });

  it('accepts the right token from its own origin', async () => {
    expect(await handshake(wsUrl(server.token), { origin: origin() })).toBe('open');
    expect(await handshake(wsUrl(server.token), { origin: `http://localhost:${server.port}` })).toBe('open');
  });

  it('closes a connection that sends something other than a request', async () => {
    const ws = new WebSocket(wsUrl(server.token), { origin: origin() });
    await new Promise((resolve) => ws.on('open', resolve));
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    ws.send('{"not":"a request"}');
    expect(await closed).toBe(1008);
  });

  it('refuses to listen anywhere but loopback', async () => {
    await expect(startWebServer({ port: 0, host: '0.0.0.0', rendererDir: root, services })).rejects.toThrow(
      /loopback only/,
    );
  });

  it('a client with a wrong token gets a clear error', async () => {
    const { api } = client({ token: 'wrong' });
    await expect(api.datasets.list()).rejects.toThrow(/Cannot reach the LayerLab server/);
  });
});

describe('web server: default services', () => {
  it('starts with just { port, rendererDir } and serves real datasets', async () => {
    const previous = process.env.LAYERLAB_USER_DATA;
    process.env.LAYERLAB_USER_DATA = join(root, 'default-user');
    const own = await startWebServer({ port: 0, rendererDir: join(root, 'renderer') });
    try {
      const api = createWebHostApi({
        origin: `http://127.0.0.1:${own.port}`,
        token: own.token,
        openSocket: (url) => new WebSocket(url, { origin: `http://127.0.0.1:${own.port}` }) as unknown as SocketLike,
        files: { pickFile: async () => null, download: () => {} },
        recent: memoryRecent(),
      });
      expect((await api.datasets.list()).map((d) => d.id)).toContain('fonts');
      await api.projects.writeAutosave('x');
      expect(readdirSync(join(root, 'default-user'))).toContain('autosave.layerlab.json');
    } finally {
      await own.close();
      if (previous === undefined) delete process.env.LAYERLAB_USER_DATA;
      else process.env.LAYERLAB_USER_DATA = previous;
    }
  });
});

describe('web server: HTTP', () => {
  it('serves the page only with the token', async () => {
    expect((await get('/')).status).toBe(401);
    expect((await get('/?token=wrong')).status).toBe(401);
    const page = await get(`/?token=${server.token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>LayerLab</title>');
    expect(String(page.headers['content-security-policy'])).toContain(`ws://127.0.0.1:${server.port}`);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
  });

  it('serves built assets but nothing outside the renderer folder', async () => {
    expect((await get('/assets/app.js')).status).toBe(200);
    expect((await get('/../secret.txt')).status).toBe(404);
    expect((await get('/%2e%2e/secret.txt')).status).toBe(404);
    expect((await get('/assets/%2e%2e%2f%2e%2e%2fsecret.txt')).status).toBe(404);
  });

  it('refuses requests for another host name (DNS rebinding)', async () => {
    expect((await get(`/?token=${server.token}`, `evil.example:${server.port}`)).status).toBe(403);
  });
});

describe('web server: the bridged API', () => {
  it('lists the built-in datasets through the browser client', async () => {
    const { api } = client();
    const list = await api.datasets.list();
    expect(list.map((d) => d.id)).toEqual(expect.arrayContaining(['fonts', 'xor']));
    expect(api.platform).toBe('web');
    (api as unknown as { close(): void }).close();
  });

  it('returns payload errors as rejected calls naming the field', async () => {
    const { api } = client();
    await expect(api.datasets.preview({ kind: 'builtin', id: 'xor' }, -3)).rejects.toThrow(/perClass/);
    await expect(api.datasets.describe({ kind: 'nope' } as never)).rejects.toThrow(
      /Invalid payload for layerlab:datasets.describe/,
    );
  });

  it('pushes training events to connected clients', async () => {
    const { api } = client();
    await api.datasets.list(); // connected
    const received: unknown[] = [];
    api.training.onEvent((e) => received.push(e));
    await api.training.start({} as never).catch(() => {}); // invalid request: refused, but no harm
    services.training.start({ dataset: { kind: 'builtin', id: 'xor' } } as never);
    await training.emit({ type: 'paused', epoch: 1, batch: 3 });
    await new Promise((r) => setTimeout(r, 100));
    expect(received).toEqual([{ type: 'paused', epoch: 1, batch: 3, runId: 'run-1' }]);
  });

  it('exports a finished run as a zip download named after it', async () => {
    const { api, downloads } = client();
    await expect(api.training.exportModel({ runId: 'run-1', name: 'xor-run-1' })).rejects.toThrow(/no longer kept/);
    await training.emit({
      type: 'started',
      backend: 'cpu',
      params: 1,
      trainSize: 1,
      valSize: 0,
      classNames: [],
      epochs: 1,
      batchesPerEpoch: 1,
    });
    await training.emit({ type: 'cancelled', epochs: 1, metrics: null });
    await expect(api.training.exportModel({ runId: 'run-1', name: 'xor run 1' })).resolves.toEqual({
      saved: true,
      where: 'xor_run_1.zip',
    });
    const files = unzipSync(downloads[0].data as Uint8Array);
    expect(Object.keys(files).sort()).toEqual(['model.json', 'weights.bin']);
  });

  it('uploads a CSV data set and returns a file ref the server can read', async () => {
    const csv = 'x1,x2,label\n0,0,a\n1,1,b\n0,1,a\n1,0,b\n';
    const { api } = client({
      files: { pickFile: async () => ({ name: '../../evil name.csv', bytes: new TextEncoder().encode(csv) }) },
    });
    const ref = await api.datasets.importFile();
    expect(ref?.kind).toBe('file');
    const path = (ref as { path: string }).path;
    expect(path.endsWith('evil_name.csv')).toBe(true);
    // Shown by its own name, which is also what a later session asks to import again.
    expect(ref).toMatchObject({ name: 'evil name.csv' });
    await expect(api.datasets.describe(ref!)).resolves.toMatchObject({ classNames: ['a', 'b'] });
  });

  it('reports a bad upload with the importer’s message', async () => {
    const { api } = client({ files: { pickFile: async () => ({ name: 'data.xyz', bytes: new Uint8Array([1]) }) } });
    await expect(api.datasets.importFile()).rejects.toThrow(/unsupported data file type/);
    // The message names the file, never where the server keeps uploads.
    const error = await api.datasets.importFile().catch((e: Error) => e);
    expect(String(error)).toMatch(/^Error: data\.xyz: unsupported/);
    expect(String(error)).not.toMatch(/layerlab-uploads|tmp/);
  });

  it('opens by upload and saves by download, remembering recent projects in the page', async () => {
    const text = '{"format":"layerlab"}';
    const { api, downloads } = client({
      files: { pickFile: async () => ({ name: 'cnn.layerlab.json', bytes: new TextEncoder().encode(text) }) },
    });
    const opened = await api.projects.open();
    expect(opened).toEqual({ handle: 'web:cnn.layerlab.json', name: 'cnn.layerlab.json', text });
    await expect(api.projects.save({ handle: opened!.handle, suggestedName: 'ignored', text: 'v2' })).resolves.toEqual({
      handle: 'web:cnn.layerlab.json',
      name: 'cnn.layerlab.json',
    });
    expect(downloads).toEqual([{ name: 'cnn.layerlab.json', data: 'v2' }]);
    await expect(api.projects.openRecent('web:cnn.layerlab.json')).resolves.toMatchObject({ text: 'v2' });
    await expect(api.projects.recent()).resolves.toEqual([
      { handle: 'web:cnn.layerlab.json', name: 'cnn.layerlab.json' },
    ]);
  });

  it('keeps the autosave slot on the server', async () => {
    const { api } = client();
    await api.projects.writeAutosave('{"auto":true}');
    await expect(api.projects.readAutosave()).resolves.toBe('{"auto":true}');
    await api.projects.clearAutosave();
    await expect(api.projects.readAutosave()).resolves.toBeNull();
  });
});

describe('web server: dataset access', () => {
  const REFUSED = /is not loaded in this session: import it again with Import data…/;
  const startRequest = (dataset: DatasetRef) => ({
    graph: XOR_MLP.graph,
    training: XOR_MLP.training,
    dataset,
    task: XOR_MLP.task,
  });
  const csv = 'x1,x2,label\n0,0,a\n1,1,b\n0,1,a\n1,0,b\n';

  it('refuses describe, preview and training on a path the page names itself, without reading it', async () => {
    const secret = join(root, 'private.csv');
    writeFileSync(secret, csv);
    const start = vi.spyOn(training.host, 'start');
    const { api } = client();
    const ref: DatasetRef = { kind: 'file', path: secret };
    await expect(api.datasets.describe(ref)).rejects.toThrow(REFUSED);
    await expect(api.datasets.preview(ref, 2)).rejects.toThrow(REFUSED);
    await expect(api.training.start(startRequest(ref))).rejects.toThrow(REFUSED);
    expect(start).not.toHaveBeenCalled();
    start.mockRestore();
  });

  it('allows an uploaded file for describe, preview and training, but not its neighbours', async () => {
    const { api } = client({
      files: { pickFile: async () => ({ name: 'points.csv', bytes: new TextEncoder().encode(csv) }) },
    });
    const ref = (await api.datasets.importFile()) as Extract<DatasetRef, { kind: 'file' }>;
    await expect(api.datasets.describe(ref)).resolves.toMatchObject({ classNames: ['a', 'b'] });
    await expect(api.datasets.preview(ref, 1)).resolves.toMatchObject({ descriptor: { classNames: ['a', 'b'] } });
    await expect(api.training.start(startRequest(ref))).resolves.toEqual({ runId: 'run-1' });
    // The upload folder is not a licence to read whatever else lands near it.
    const neighbour = join(ref.path, '..', '..', 'other.csv');
    await expect(api.datasets.describe({ kind: 'file', path: neighbour })).rejects.toThrow(REFUSED);
  });
});
