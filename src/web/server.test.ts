import { unzipSync, zipSync } from 'fflate';
import { linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { createServices, type Services } from '../core/services/create-services';
import { encodeNpy, encodeNpz } from '../core/datasets/test-support/npy-writer';
import type { ModelKeeper, TrainingHost } from '../core/engine/training-host';
import { classifierRun, scriptedHost } from '../core/exercises/testing/scripted-host';
import { getCourseExercise } from '../shared/exercises/course';
import type { TrainingEvent } from '../shared/ipc/training-events';
import { XOR_MLP } from '../shared/templates/xor-mlp';
import type { DatasetRef } from '../shared/training/dataset';
import {
  createWebHostApi,
  pickedFileFromBytes,
  type BrowserFiles,
  type RecentStore,
  type SocketLike,
} from '../renderer/src/host/web-client';
import { writeKeptRun } from '../core/services/testing/kept-run';
import { startWebServer, type WebServer } from './server';
import { parseProjectFile } from '../shared/graph/project-file';
import { readProjectWeights } from '../shared/graph/project-weights';

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
    exportModel: (dir) => writeKeptRun(dir),
    hasModel: () => started,
    inspect: async () => Promise.reject(new Error('no model in this test')),
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
  // The page under a name that is not `index.html` (as `INDEX.HTML` is on a case-insensitive disk).
  linkSync(join(rendererDir, 'index.html'), join(rendererDir, 'assets', 'page'));
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

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
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
      pickFiles: async () => null,
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
        files: { pickFile: async () => null, pickFiles: async () => null, download: () => {} },
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

  /** Ways of naming index.html that a path check on the raw URL misses; none may serve the page without the token. */
  const PAGE_ALIASES = [
    '/%69ndex.html',
    '/%69%6e%64%65%78%2e%68%74%6d%6c',
    '/index%2ehtml',
    '/%2569ndex.html',
    '/index.html/',
    '/index.html//',
    '/index.html/.',
    '/index.html/./',
    '//index.html',
    '///index.html',
    '/./index.html',
    '/%2e/index.html',
    '/assets/../index.html',
    '/assets/%2e%2e/index.html',
    '/assets/%2E%2E/index.html',
    '/assets%2f..%2findex.html',
    '/assets%2F%2E%2E%2Findex.html',
    '/assets/..%2findex.html',
    '/%252e%252e/index.html',
    '/\\index.html',
    '/%5cindex.html',
    '/assets\\..\\index.html',
    '/assets%5c..%5cindex.html',
    '/INDEX.HTML',
    '/Index.html',
    '/index.HTML',
    '/index.html%00',
    '/index.html%20',
    '/index.html.',
    '/index.html;',
    '/index.html%3b',
    '/index.html?',
    '/index.html?token=',
    '/index.html?tok%65n=x',
    '/?token=&token=wrong',
    '/assets/page',
  ];

  it.each(PAGE_ALIASES)('never serves the page without the token as %s', async (path) => {
    const response = await get(path);
    expect(response.body).not.toContain('<title>LayerLab</title>');
    expect([401, 404]).toContain(response.status);
  });

  it('still serves the page with the token under its canonical names', async () => {
    for (const path of ['/', '/index.html', '/./index.html', '/assets/../index.html']) {
      const page = await get(`${path}?token=${server.token}`);
      expect(page.status, path).toBe(200);
      expect(page.body).toContain('<title>LayerLab</title>');
    }
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

  it("pushes the running exercise check's training events before the check's answer", async () => {
    const xor = getCourseExercise('xor')!;
    const own = await startWebServer({
      port: 0,
      rendererDir: join(root, 'renderer'),
      services: createServices({
        userDataDir: join(root, 'check-user'),
        trainingHost: fakeTrainingHost().host,
        createCheckHost: scriptedHost((request) =>
          classifierRun(request, {
            accuracy: 1,
            valAccuracy: 1,
            confusionMatrix: [
              [50, 0],
              [0, 50],
            ],
            classNames: ['a', 'b'],
          }),
        ),
      }),
    });
    try {
      const api = createWebHostApi({
        origin: `http://127.0.0.1:${own.port}`,
        token: own.token,
        openSocket: (url) => new WebSocket(url, { origin: `http://127.0.0.1:${own.port}` }) as unknown as SocketLike,
        files: { pickFile: async () => null, pickFiles: async () => null, download: () => {} },
        recent: memoryRecent(),
      });
      const received: string[] = [];
      api.exercises.onCheckEvent((event) => received.push(event.type));
      const result = await api.exercises.check({
        exercise: xor,
        submission: { graph: xor.start.graph, training: xor.start.training },
      });
      expect(result.exercise).toBe('xor');
      expect(received).toEqual(['started', 'done']);
      api.close();
    } finally {
      await own.close();
    }
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
    expect(Object.keys(files).sort()).toEqual([
      'README.md',
      'history.csv',
      'model.json',
      'project.layerlab.json',
      'weights.bin',
    ]);

    // The Export dialog's choices: ONNX, with the run's data (built in, so always readable).
    await expect(
      api.training.exportModel({ runId: 'run-1', name: 'xor-run-1-onnx', format: 'onnx', includeData: true }),
    ).resolves.toEqual({ saved: true, where: 'xor-run-1-onnx.zip' });
    const onnx = unzipSync(downloads[1].data as Uint8Array);
    expect(Object.keys(onnx).sort()).toEqual(['README.md', 'data.npz', 'history.csv', 'model.onnx']);
  });

  it('opens a model.json uploaded with the files beside it, and names every unsupported layer', async () => {
    const dir = mkdtempSync(join(root, 'model-'));
    await writeKeptRun(dir);
    const pick = (names: string[]) => async () =>
      names.map((name) => pickedFileFromBytes(name, new Uint8Array(readFileSync(join(dir, name)))));
    const { api } = client({ files: { pickFiles: pick(['weights.bin', 'model.json', 'project.layerlab.json']) } });
    const imported = await api.projects.importModel();
    expect(imported).toMatchObject({ name: 'model.json', layers: 3, params: 42 });
    expect(imported!.notes.join(' ')).toMatch(/from project\.layerlab\.json beside the model/);
    // The uploaded weight file comes along as the project's weights.
    const parsed = parseProjectFile(imported!.text);
    expect(Object.keys(readProjectWeights(parsed.ok && parsed.project.weights)?.layers ?? {})).toHaveLength(2);
    // Without it: a message naming the file as the user knows it, nothing imported.
    const unweighted = client({ files: { pickFiles: pick(['model.json', 'project.layerlab.json']) } });
    const missing = unweighted.api.projects.importModel();
    await expect(missing).rejects.toThrow(/The weight file weights\.bin named in model\.json is missing/);
    await expect(missing).rejects.toThrow(/is missing from the uploaded files \(pick the model\.json together with/);
    await expect(missing).rejects.not.toThrow(server.uploadDir);

    const model = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    model.modelTopology.config.layers[1].class_name = 'LSTM';
    writeFileSync(join(dir, 'model.json'), JSON.stringify(model));
    const failing = client({ files: { pickFiles: pick(['model.json']) } });
    const failure = failing.api.projects.importModel();
    await expect(failure).rejects.toThrow(/LSTM/);
    // The message names the file as the user knows it, never where the upload sat on the server.
    await expect(failure).rejects.toThrow(/^model\.json cannot be imported/);
    // Nothing is left behind on the server: every upload folder is gone.
    for (const upload of readdirSync(server.uploadDir)) {
      expect(readdirSync(join(server.uploadDir, upload))).not.toContain('model.json');
    }
    await expect(client({ files: { pickFiles: pick(['weights.bin']) } }).api.projects.importModel()).rejects.toThrow(
      /Pick the model\.json/,
    );
  });

  it('uploads a CSV data set and returns a file ref the server can read', async () => {
    const csv = 'x1,x2,label\n0,0,a\n1,1,b\n0,1,a\n1,0,b\n';
    const { api } = client({
      files: { pickFile: async () => pickedFileFromBytes('../../evil name.csv', new TextEncoder().encode(csv)) },
    });
    const ref = await api.datasets.importFile();
    expect(ref?.kind).toBe('file');
    const path = (ref as { path: string }).path;
    expect(path.endsWith('evil_name.csv')).toBe(true);
    // Shown by its own name, which is also what a later session asks to import again.
    expect(ref).toMatchObject({ name: 'evil name.csv' });
    await expect(api.datasets.describe(ref!)).resolves.toMatchObject({ classNames: ['a', 'b'] });
  });

  it('reports a bad upload with the importer’s message and deletes it', async () => {
    const { api } = client({ files: { pickFile: async () => pickedFileFromBytes('data.xyz', new Uint8Array([1])) } });
    await expect(api.datasets.importFile()).rejects.toThrow(/unsupported data file type/);
    // The message names the file, never where the server keeps uploads.
    const error = await api.datasets.importFile().catch((e: Error) => e);
    expect(String(error)).toMatch(/^Error: data\.xyz: unsupported/);
    expect(String(error)).not.toMatch(/layerlab-uploads|tmp/);
    expect(filesUnder(server.uploadDir).filter((f) => f.endsWith('data.xyz'))).toEqual([]);
  });

  it('deletes a half-sent upload when its page disconnects', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`, { origin: origin() });
    await new Promise((resolve) => ws.once('open', resolve));
    const reply = (id: number, channel: string, payload: unknown) =>
      new Promise<{ ok: boolean; result?: { uploadId: string } }>((resolve) => {
        ws.once('message', (data) => resolve(JSON.parse(String(data))));
        ws.send(JSON.stringify({ id, channel, payload }));
      });
    const begun = await reply(1, 'layerlab:web.uploadBegin', { name: 'half.csv', size: 3_000_000 });
    const piece = Buffer.alloc(1 << 20, 'a').toString('base64');
    expect((await reply(2, 'layerlab:web.uploadChunk', { uploadId: begun.result!.uploadId, base64: piece })).ok).toBe(
      true,
    );
    expect(filesUnder(server.uploadDir).some((f) => f.endsWith('half.csv'))).toBe(true);
    ws.terminate();
    await vi.waitFor(() => expect(filesUnder(server.uploadDir).some((f) => f.endsWith('half.csv'))).toBe(false));
  });

  it('streams a data file in pieces up to the configured limit, and refuses one above it', async () => {
    const limited = await startWebServer({
      port: 0,
      rendererDir: join(root, 'renderer'),
      services,
      maxUploadBytes: 3_000_000,
    });
    // Three pieces: a small data set plus a 2.5 MB array the importer does not need to read.
    const npz = encodeNpz({
      x: { descr: '<f4', shape: [4, 2], values: [0, 0, 1, 1, 0, 1, 1, 0] },
      y: { descr: '<i4', shape: [4], values: [0, 1, 0, 1] },
      x_extra: { descr: '|u1', shape: [2_500_000], values: new Uint8Array(2_500_000).map((_, i) => i % 251) },
    });
    const tooBig = new Uint8Array(3_500_000);
    const clientOf = (name: string, bytes: Uint8Array) =>
      createWebHostApi({
        origin: `http://127.0.0.1:${limited.port}`,
        token: limited.token,
        openSocket: (url) =>
          new WebSocket(url, { origin: `http://127.0.0.1:${limited.port}` }) as unknown as SocketLike,
        files: {
          pickFile: async () => pickedFileFromBytes(name, bytes),
          pickFiles: async () => null,
          download: () => {},
        },
        recent: memoryRecent(),
      });
    try {
      const ok = clientOf('points.npz', npz);
      const ref = (await ok.datasets.importFile()) as { path: string };
      expect(readFileSync(ref.path).equals(npz)).toBe(true);
      await expect(ok.datasets.describe(ref as DatasetRef)).resolves.toMatchObject({ classNames: ['0', '1'] });
      ok.close();
      const refused = clientOf('huge.csv', tooBig);
      await expect(refused.datasets.importFile()).rejects.toThrow(
        'huge.csv is 3.5 MB; browser mode accepts data files up to 3.0 MB.',
      );
      expect(filesUnder(limited.uploadDir).filter((f) => f.endsWith('huge.csv'))).toEqual([]);
      refused.close();
    } finally {
      await limited.close();
    }
  });

  it('reads each client’s imports and previews within its own memory limit: tabs do not affect each other', async () => {
    // Before, the limit was the host's session state (datasets.setMemoryLimit): the tab that set it last decided
    // every other tab's imports. 5,000 × 1,000 float32 features need 19.1 MiB once decoded (a 20 KB deflated file).
    const rows = 5000;
    const npz = zipSync(
      {
        'x.npy': encodeNpy({ descr: '<f4', shape: [rows, 1000], values: new Float32Array(rows * 1000).fill(0.5) }),
        'y.npy': encodeNpy({ descr: '<i4', shape: [rows], values: Int32Array.from({ length: rows }, (_, i) => i % 2) }),
      },
      { level: 6 },
    );
    const pick = { pickFile: async () => pickedFileFromBytes('medium.npz', npz) };
    const small = client({ files: pick }).api;
    const large = client({ files: pick }).api;
    try {
      const [refused, imported] = await Promise.allSettled([
        small.datasets.importFile({ maxMemoryMB: 16 }),
        large.datasets.importFile({ maxMemoryMB: 64 }),
      ]);
      expect(refused.status).toBe('rejected');
      expect(String((refused as PromiseRejectedResult).reason)).toMatch(
        /19\.1 MiB of memory, more than the limit of 16\.0 MiB/,
      );
      expect(imported.status).toBe('fulfilled');
      const ref = (imported as PromiseFulfilledResult<DatasetRef | null>).value!;
      // The set the large tab read is not handed to the small one from the cache, and the default (1 GiB) applies
      // to a request that names no limit, whatever another tab asked before.
      await expect(small.datasets.preview(ref, 2, { maxMemoryMB: 16 })).rejects.toThrow(
        /more than the limit of 16\.0 MiB/,
      );
      await expect(large.datasets.preview(ref, 2, { maxMemoryMB: 64 })).resolves.toMatchObject({
        descriptor: { classNames: ['0', '1'] },
      });
      await expect(small.datasets.describe(ref)).resolves.toMatchObject({ classNames: ['0', '1'] });
      // The limit is validated like the training setting's.
      await expect(small.datasets.describe(ref, { maxMemoryMB: 1 })).rejects.toThrow(
        /Invalid payload for layerlab:datasets.describe/,
      );
    } finally {
      small.close();
      large.close();
    }
  });

  it('opens by upload and saves by download, remembering recent projects in the page', async () => {
    const text = '{"format":"layerlab"}';
    const { api, downloads } = client({
      files: { pickFile: async () => pickedFileFromBytes('cnn.layerlab.json', new TextEncoder().encode(text)) },
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

/** Sends one raw request and returns the server's answer. */
async function rawRequest(channel: string, payload?: unknown): Promise<{ ok: boolean; error?: string }> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`, { origin: origin() });
  try {
    return await new Promise((resolve, reject) => {
      ws.once('open', () => ws.send(JSON.stringify({ id: 7, channel, payload })));
      ws.once('message', (data) => resolve(JSON.parse(String(data))));
      ws.once('error', reject);
    });
  } finally {
    ws.terminate();
  }
}

describe('web server: channel names and error messages', () => {
  const PROTOTYPE_NAMES = [
    'toString',
    '__proto__',
    'constructor',
    'hasOwnProperty',
    'valueOf',
    'isPrototypeOf',
    '__defineGetter__',
    'toLocaleString',
  ];

  it.each(PROTOTYPE_NAMES)('treats %s as an unknown channel, not a property of the dispatch table', async (name) => {
    expect(await rawRequest(name, {})).toEqual({ id: 7, ok: false, error: `Unknown IPC channel: ${name}` });
  });

  it('answers a failing file operation without the host’s folders', async () => {
    const blocked = join(root, 'blocked-user-data');
    writeFileSync(blocked, 'a file where the user data folder should be');
    const own = await startWebServer({
      port: 0,
      rendererDir: join(root, 'renderer'),
      services: createServices({ userDataDir: blocked, trainingHost: fakeTrainingHost().host }),
    });
    try {
      const api = createWebHostApi({
        origin: `http://127.0.0.1:${own.port}`,
        token: own.token,
        openSocket: (url) => new WebSocket(url, { origin: `http://127.0.0.1:${own.port}` }) as unknown as SocketLike,
        files: { pickFile: async () => null, pickFiles: async () => null, download: () => {} },
        recent: memoryRecent(),
      });
      const error = await api.projects.writeAutosave('{}').then(
        () => null,
        (e: Error) => e,
      );
      expect(error?.message).toMatch(/^“[\w.-]+” (is not inside a folder|already exists)/);
      expect(error?.message).not.toContain(root);
      api.close();
    } finally {
      await own.close();
    }
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
      files: { pickFile: async () => pickedFileFromBytes('points.csv', new TextEncoder().encode(csv)) },
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
