import asar from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS, sendContract } from '../shared/ipc/ipc-contract';
import type { TrainingEvent } from '../shared/ipc/training-events';
import { getTemplate } from '../shared/templates';
import { APP_INDEX_URL } from './app-protocol';
import { contentSecurityPolicy } from './security';
import * as fakeElectron from './testing/fake-electron';
import { buildDesktopApp, PROJECT_ROOT } from './testing/desktop-build';
import { packageUnpackedLinuxApp } from './testing/package-app';

/**
 * The desktop app without an Electron binary (these machines cannot download one): build it as `npm run dist` does
 * (electron-vite build, once for this file), then prove what can be proven of the built files:
 * - the training entry `out/main/training-process.js` trains and exports under plain Node, driven through a shim
 *   that behaves like Electron's utilityProcess `parentPort`;
 * - the main bundle `out/main/index.js`, loaded against a faithful fake of the `electron` module, sets up a secure
 *   window, the app:// protocol, the IPC contract and the menu;
 * - the sandboxed preload bundle runs with nothing but `electron` to require and exposes only the named API;
 * - electron-builder, run with the project's electron-builder.yml around a stand-in Electron, produces an app whose
 *   app.asar holds every runtime file and dependency and whose binary has the fuses flipped.
 */

vi.mock('electron', () => import('./testing/fake-electron'));

const OUT = join(PROJECT_ROOT, 'out');
const SHIM = fileURLToPath(new URL('./testing/parent-port-shim.mjs', import.meta.url));

beforeAll(() => buildDesktopApp(), 300_000);

describe('built training entry under a utilityProcess-like parentPort', () => {
  const work = mkdtempSync(join(tmpdir(), 'layerlab-desktop-training-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('trains one epoch of the course logistic regression on the bundled fonts set and exports the model', async () => {
    const template = getTemplate('logistic-regression')!;
    const child = spawn(process.execPath, [SHIM, join(OUT, 'main/training-process.js')], {
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      env: { ...process.env, LAYERLAB_RESOURCES: '' },
    });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const port = child.stdio[3] as Duplex;
    const post = (message: unknown) => {
      const body = serialize(message);
      const header = Buffer.alloc(4);
      header.writeUInt32LE(body.length, 0);
      port.write(Buffer.concat([header, body]));
    };
    const received: unknown[] = [];
    const waiters: (() => void)[] = [];
    let buffered = Buffer.alloc(0);
    port.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 4 && buffered.length >= 4 + buffered.readUInt32LE(0)) {
        const length = buffered.readUInt32LE(0);
        received.push(deserialize(buffered.subarray(4, 4 + length)));
        buffered = buffered.subarray(4 + length);
        for (const wake of waiters.splice(0)) wake();
      }
    });
    const next = async (match: (message: any) => boolean, what: string) => {
      const deadline = Date.now() + 240_000;
      for (;;) {
        const found = received.find(match);
        if (found) return found as any;
        if (child.exitCode !== null) throw new Error(`training process exited (${child.exitCode}):\n${output}`);
        if (Date.now() > deadline) throw new Error(`no ${what} from the training process:\n${output}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 1000);
        });
      }
    };
    try {
      // Sent at once, before the entry has loaded tfjs and registered its handler: the port must hold it.
      post({
        type: 'start',
        request: {
          graph: template.graph,
          training: { ...template.training, epochs: 1, seed: 14 },
          dataset: { kind: 'builtin', id: 'fonts' },
          task: template.task,
        },
      });
      const finished = (await next((m) => m.type === 'done' || m.type === 'error', 'done event')) as TrainingEvent;
      expect(finished, JSON.stringify(finished)).toMatchObject({ type: 'done', epochs: 1 });
      const started = received.find((m: any) => m.type === 'started') as Extract<TrainingEvent, { type: 'started' }>;
      expect(started).toMatchObject({ classNames: expect.any(Array), params: 1296 * 5 + 5 });
      expect(started.classNames).toHaveLength(5);
      expect(received.filter((m: any) => m.type === 'epoch')).toHaveLength(1);

      const dir = join(work, 'export');
      post({ type: 'export', dir, requestId: 'r1' });
      expect(await next((m) => m.requestId === 'r1', 'export reply')).toEqual({
        type: 'exported',
        requestId: 'r1',
        dir,
      });
      const files = readdirSync(dir).sort();
      expect(files).toEqual(expect.arrayContaining(['history.csv', 'model.json']));
      expect(files.some((f) => f.endsWith('.layerlab.json'))).toBe(true);
      const model = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
      const weightFiles = model.weightsManifest.flatMap((g: { paths: string[] }) => g.paths);
      for (const file of weightFiles) expect(existsSync(join(dir, file))).toBe(true);
    } finally {
      child.kill();
    }
  });
});

describe('built main bundle against a fake electron', () => {
  const userData = mkdtempSync(join(tmpdir(), 'layerlab-desktop-main-'));
  const saved = { resourcesPath: (process as { resourcesPath?: string }).resourcesPath, env: { ...process.env } };
  const { recorded } = fakeElectron;
  let window: fakeElectron.RecordedWindow;

  beforeAll(async () => {
    // As packaged: resources next to the app (extraResources), user data where LAYERLAB_USER_DATA says.
    (process as { resourcesPath?: string }).resourcesPath = PROJECT_ROOT;
    process.env.LAYERLAB_USER_DATA = userData;
    delete process.env.ELECTRON_RENDERER_URL;
    await import(join(OUT, 'main/index.js'));
    expect(recorded.ready).toBe(false);
    fakeElectron.emitReady();
    await vi.waitFor(() => expect(recorded.windows).toHaveLength(1));
    await vi.waitFor(() => expect(recorded.applicationMenu).not.toBeNull());
    window = recorded.windows[0];
  });

  afterAll(() => {
    for (const listener of recorded.appListeners.get('will-quit') ?? []) listener();
    (process as { resourcesPath?: string }).resourcesPath = saved.resourcesPath;
    process.env = saved.env;
    rmSync(userData, { recursive: true, force: true });
  });

  it('enables the sandbox and registers app:// as a privileged scheme before ready, without bypassing the CSP', () => {
    expect(recorded.sandboxEnabledBeforeReady).toBe(true);
    expect(recorded.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    const privileges = recorded.privilegedSchemes[0].privileges!;
    for (const risky of ['bypassCSP', 'allowServiceWorkers', 'corsEnabled']) expect(privileges[risky]).toBeFalsy();
  });

  it('opens one window, sandboxed and isolated, on app://layerlab/index.html with the built preload', () => {
    const prefs = window.options.webPreferences!;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    });
    expect(prefs.preload).toBe(join(OUT, 'preload/index.cjs'));
    expect(existsSync(prefs.preload as string)).toBe(true);
    expect(window.loadedUrls).toEqual([APP_INDEX_URL]);
    expect(window.loadedFiles).toEqual([]);
  });

  it('puts the production CSP on every response', () => {
    const callback = vi.fn();
    recorded.session.headersListener!({ url: APP_INDEX_URL, responseHeaders: {} }, callback);
    const csp = callback.mock.calls[0][0].responseHeaders['Content-Security-Policy'][0] as string;
    expect(csp).toBe(contentSecurityPolicy({ dev: false }));
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/script-src 'self';/);
    expect(csp).not.toMatch(/unsafe-eval|https?:|ws:/);
  });

  it('serves the built renderer over app:// (page and every asset it loads) and nothing outside it', async () => {
    const handler = recorded.protocolHandlers.get('app')!;
    const get = async (url: string) => handler(new Request(url));
    const page = await get(APP_INDEX_URL);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toBe(readFileSync(join(OUT, 'renderer/index.html'), 'utf8'));
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy({ dev: false }));
    const assets = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const asset of assets) {
      const response = await get(`app://layerlab/${asset}`);
      expect(response.status, asset).toBe(200);
      expect(response.headers.get('content-type'), asset).toMatch(/^text\/(javascript|css)/);
    }
    for (const escape of [
      'app://layerlab/../main/index.js',
      'app://layerlab/%2e%2e/main/index.js',
      'app://layerlab/..%2f..%2fpackage.json',
      'app://layerlab/assets/..%5c..%5cpackage.json',
      `app://layerlab/${encodeURIComponent(join(PROJECT_ROOT, 'package.json'))}`,
      'app://elsewhere/index.html',
    ])
      expect((await get(escape)).status, escape).toBe(404);
  });

  it('registers exactly the IPC contract, answering only the app’s own frame', async () => {
    expect([...recorded.invokeHandlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
    expect([...recorded.sendListeners.keys()]).toEqual(Object.keys(sendContract));
    const list = recorded.invokeHandlers.get('layerlab:datasets.list')!;
    const datasets = (await list({ senderFrame: { url: APP_INDEX_URL } })) as { id: string }[];
    expect(datasets.map((d) => d.id)).toContain('fonts');
    await expect(Promise.resolve().then(() => list({ senderFrame: { url: 'file:///etc/passwd' } }))).rejects.toThrow(
      /untrusted frame/,
    );
  });

  it('builds the application menu, whose items send commands to the renderer', () => {
    const template = recorded.applicationMenu!.template as { label?: string; submenu?: any[] }[];
    expect(template.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Help']);
    const file = template.find((m) => m.label === 'File')!.submenu!;
    file.find((item) => item.label === 'Open…').click();
    expect(window.sent).toContainEqual({ channel: 'layerlab:app.menuCommand', args: [{ command: 'open' }] });
    const view = template.find((m) => m.label === 'View')!.submenu!;
    expect(view.some((item) => item.role === 'toggleDevTools')).toBe(false);
  });

  it('keeps the window on the app: no navigation away, no new windows, clipboard only for the app', () => {
    const navigate = (url: string) => {
      const event = { preventDefault: vi.fn() };
      window.webContents.emit('will-navigate', event, url);
      return event.preventDefault.mock.calls.length === 0;
    };
    expect(navigate('https://evil.example/')).toBe(false);
    expect(navigate('file:///etc/passwd')).toBe(false);
    expect(navigate(APP_INDEX_URL)).toBe(true);
    expect(window.webContents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    const check = recorded.session.permissionCheckHandler!;
    expect(check({ getURL: () => APP_INDEX_URL }, 'clipboard-read', 'app://layerlab')).toBe(true);
    expect(check({ getURL: () => 'https://evil.example/' }, 'clipboard-read', 'https://evil.example')).toBe(false);
    expect(check({ getURL: () => APP_INDEX_URL }, 'media', 'app://layerlab')).toBe(false);
  });
});

describe('built preload bundle in a sandbox', () => {
  it('needs nothing but electron and exposes only the named API', async () => {
    const code = readFileSync(join(OUT, 'preload/index.cjs'), 'utf8');
    const exposed: Record<string, any> = {};
    const invoked: unknown[][] = [];
    const ipcRenderer = {
      invoke: async (...args: unknown[]) => void invoked.push(args),
      send: () => {},
      on: () => {},
      removeListener: () => {},
    };
    const sandboxRequire = (id: string) => {
      if (id === 'electron')
        return {
          contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
          ipcRenderer,
        };
      throw new Error(`a sandboxed preload cannot require ${id}`);
    };
    const module = { exports: {} };
    runInNewContext(code, { require: sandboxRequire, module, exports: module.exports, console });
    expect(Object.keys(exposed)).toEqual(['layerlab']);
    const api = exposed.layerlab;
    expect(Object.keys(api).sort()).toEqual([
      'app',
      'datasets',
      'exercises',
      'files',
      'platform',
      'projects',
      'training',
      'views',
    ]);
    const reachable = JSON.stringify(api, (_key, value) => (typeof value === 'function' ? value.name || 'fn' : value));
    expect(reachable).not.toMatch(/ipcRenderer|invoke"|require/);
    await api.datasets.list();
    expect(invoked).toEqual([['layerlab:datasets.list', undefined]]);
  });
});

/** Every file under `dir`, as paths relative to it with forward slashes. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

/** Packages a module imports by bare name (not relative, not Node's own, not electron). */
function bareImports(code: string): string[] {
  const names = new Set<string>();
  for (const match of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)["']([^"'./][^"']*)["']/g)) {
    const specifier = match[1];
    // Only what can be a package name: the pattern also meets import-like text inside strings.
    if (!/^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(?:\/[\w./-]+)?$/i.test(specifier)) continue;
    if (specifier.startsWith('node:') || specifier === 'electron') continue;
    const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
    if (!builtinModules.includes(name)) names.add(name);
  }
  return [...names];
}

describe('packaged app (electron-builder with the project config, around a stand-in Electron)', () => {
  const work = mkdtempSync(join(tmpdir(), 'layerlab-desktop-package-'));
  let appDir: string;
  let archive: string;
  let inArchive: Set<string>;
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  beforeAll(async () => {
    appDir = await packageUnpackedLinuxApp(work);
    archive = join(appDir, 'resources', 'app.asar');
    inArchive = new Set(asar.listPackage(archive, { isPack: false }).map((p) => p.split(sep).join('/')));
  }, 600_000);

  it('flips the fuses: no RunAsNode, NODE_OPTIONS or inspector; ASAR-only with integrity; encrypted cookies', async () => {
    const wire = await getCurrentFuseWire(join(appDir, 'layerlab'));
    const state = (fuse: FuseV1Options) => String.fromCharCode(wire[fuse] as number);
    expect(state(FuseV1Options.RunAsNode)).toBe('0');
    expect(state(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe('0');
    expect(state(FuseV1Options.EnableNodeCliInspectArguments)).toBe('0');
    expect(state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe('1');
    expect(state(FuseV1Options.OnlyLoadAppFromAsar)).toBe('1');
    expect(state(FuseV1Options.EnableCookieEncryption)).toBe('1');
    expect(state(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe('0');
  });

  it('packs every built file: main, the training entry, the preload, the renderer page and its assets', () => {
    const built = filesUnder(OUT).filter((f) => !f.startsWith('web/') && !f.endsWith('.map'));
    for (const required of ['main/index.js', 'main/training-process.js', 'preload/index.cjs', 'renderer/index.html'])
      expect(built).toContain(required);
    expect(built.filter((f) => f.startsWith('renderer/assets/')).length).toBeGreaterThanOrEqual(2);
    const missing = built.filter((f) => !inArchive.has(`/out/${f}`));
    expect(missing).toEqual([]);
    expect(inArchive.has('/package.json')).toBe(true);
    // Sources, tests and source maps stay out.
    expect(
      [...inArchive].filter(
        (f) => f.startsWith('/src/') || (/\.(test|spec)\.|\.map$/.test(f) && f.startsWith('/out/')),
      ),
    ).toEqual([]);
  });

  it('packs every package the main bundle and the training entry import, and all their dependencies', () => {
    const readPackage = (dir: string) =>
      JSON.parse(asar.extractFile(archive, `${dir.slice(1)}/package.json`).toString('utf8')) as {
        main?: string;
        dependencies?: Record<string, string>;
      };
    /** Node's lookup: node_modules/<name> in the importing folder, then in each parent. */
    const resolvePackage = (from: string, name: string): string | null => {
      for (let dir = from; ; dir = dir.slice(0, dir.lastIndexOf('/'))) {
        const candidate = `${dir}/node_modules/${name}`;
        if (inArchive.has(`${candidate}/package.json`)) return candidate;
        if (dir === '') return null;
      }
    };
    const problems: string[] = [];
    const seen = new Set<string>();
    const queue: { from: string; name: string; by: string }[] = [];
    for (const file of filesUnder(join(OUT, 'main')).filter((f) => f.endsWith('.js')))
      for (const name of bareImports(readFileSync(join(OUT, 'main', file), 'utf8')))
        queue.push({ from: '/out/main', name, by: `out/main/${file}` });
    expect(queue.map((q) => q.name)).toContain('@tensorflow/tfjs');
    while (queue.length > 0) {
      const { from, name, by } = queue.shift()!;
      const dir = resolvePackage(from, name);
      if (!dir) {
        problems.push(`${name} (needed by ${by})`);
        continue;
      }
      if (seen.has(dir)) continue;
      seen.add(dir);
      const manifest = readPackage(dir);
      if (manifest.main) {
        const main = `${dir}/${manifest.main.replace(/^\.\//, '')}`;
        if (![main, `${main}.js`, `${main}/index.js`].some((f) => inArchive.has(f)))
          problems.push(`${main} (main of ${name})`);
      }
      for (const dependency of Object.keys(manifest.dependencies ?? {}))
        queue.push({ from: dir, name: dependency, by: name });
    }
    expect(problems).toEqual([]);
    expect(seen.size).toBeGreaterThan(5);
  });

  it('ships the fonts data set where the packaged main looks for it (<resources>/resources/datasets)', () => {
    const shipped = join(appDir, 'resources', 'resources', 'datasets', 'fonts-36.llds');
    const source = join(PROJECT_ROOT, 'resources', 'datasets', 'fonts-36.llds');
    expect(existsSync(shipped)).toBe(true);
    expect(statSync(shipped).size).toBe(statSync(source).size);
    expect(readFileSync(shipped).equals(readFileSync(source))).toBe(true);
  });
});
