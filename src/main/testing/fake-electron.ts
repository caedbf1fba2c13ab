import { EventEmitter } from 'node:events';

/**
 * A stand-in for the `electron` module, faithful to the parts LayerLab's main process uses, for loading the built
 * main bundle where no Electron binary can run. It records what main does and enforces the rules Electron enforces,
 * so a bundle that breaks them fails here too:
 * - `protocol.registerSchemesAsPrivileged` and `app.enableSandbox` only before `ready`; `protocol.handle`,
 *   `session.defaultSession` and `new BrowserWindow` only after it; one handler per scheme and per IPC channel;
 * - `Menu.buildFromTemplate` rejects items with none of label, role or type, and unknown types;
 * - `ready` fires once the main script has been loaded and run (the test calls `emitReady` after importing it).
 * Only the members main uses exist: anything else is `undefined`, as a typo would be at run time.
 */

type Listener = (...args: any[]) => unknown;

export interface RecordedWindow {
  options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>;
  loadedUrls: string[];
  loadedFiles: string[];
  sent: { channel: string; args: unknown[] }[];
  webContents: FakeWebContents;
  emitter: EventEmitter;
}

class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => unknown) | null = null;
  constructor(private readonly window: { record: RecordedWindow | null }) {
    super();
  }
  setWindowOpenHandler(handler: (details: { url: string }) => unknown): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.window.record?.sent.push({ channel, args: structuredClone(args) });
  }
  getURL(): string {
    return this.window.record?.loadedUrls.at(-1) ?? '';
  }
  isDestroyed(): boolean {
    return false;
  }
}

export const recorded = {
  ready: false,
  sandboxEnabled: false,
  sandboxEnabledBeforeReady: false,
  privilegedSchemes: [] as { scheme: string; privileges?: Record<string, unknown> }[],
  protocolHandlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
  invokeHandlers: new Map<string, Listener>(),
  sendListeners: new Map<string, Listener[]>(),
  windows: [] as RecordedWindow[],
  menus: [] as unknown[][],
  applicationMenu: null as { template: unknown[] } | null,
  session: {
    permissionRequestHandler: null as Listener | null,
    permissionCheckHandler: null as Listener | null,
    headersListener: null as Listener | null,
    beforeRequestListener: null as Listener | null,
  },
  utilityForks: [] as { modulePath: string; args: string[]; options: unknown }[],
  appListeners: new Map<string, Listener[]>(),
  paths: new Map<string, string>(),
};

function requireReady(what: string): void {
  if (!recorded.ready) throw new Error(`${what} cannot be used before the app is ready`);
}

let readyResolve: () => void = () => {};
const readyPromise = new Promise<void>((resolve) => (readyResolve = resolve));
const appEmitter = new EventEmitter();

/** Electron emits `ready` once the main script has been loaded and run: the test calls this after importing it. */
export function emitReady(): void {
  if (recorded.ready) return;
  recorded.ready = true;
  appEmitter.emit('ready');
  readyResolve();
}

export const app = {
  name: 'LayerLab',
  isPackaged: true,
  whenReady: () => readyPromise,
  isReady: () => recorded.ready,
  enableSandbox(): void {
    if (recorded.ready) throw new Error('app.enableSandbox() can only be called before app is ready');
    recorded.sandboxEnabled = true;
    recorded.sandboxEnabledBeforeReady = true;
  },
  requestSingleInstanceLock: () => true,
  quit(): void {},
  getPath(name: string): string {
    const path = recorded.paths.get(name);
    if (!path) throw new Error(`Failed to get '${name}' path`);
    return path;
  },
  setPath(name: string, path: string): void {
    recorded.paths.set(name, path);
  },
  on(event: string, listener: Listener) {
    recorded.appListeners.set(event, [...(recorded.appListeners.get(event) ?? []), listener]);
    appEmitter.on(event, listener);
    return app;
  },
};

export const protocol = {
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges?: Record<string, unknown> }[]): void {
    if (recorded.ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    recorded.privilegedSchemes.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
    requireReady('protocol.handle');
    if (recorded.protocolHandlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    recorded.protocolHandlers.set(scheme, handler);
  },
  isProtocolHandled: (scheme: string) => recorded.protocolHandlers.has(scheme),
};

const defaultSession = {
  setPermissionRequestHandler: (handler: Listener | null) => void (recorded.session.permissionRequestHandler = handler),
  setPermissionCheckHandler: (handler: Listener | null) => void (recorded.session.permissionCheckHandler = handler),
  webRequest: {
    onHeadersReceived: (listener: Listener) => void (recorded.session.headersListener = listener),
    onBeforeRequest: (listener: Listener) => void (recorded.session.beforeRequestListener = listener),
  },
};

export const session = {
  get defaultSession() {
    requireReady('session');
    return defaultSession;
  },
};

export class BrowserWindow extends EventEmitter {
  static all: BrowserWindow[] = [];
  static getAllWindows(): BrowserWindow[] {
    return [...BrowserWindow.all];
  }
  readonly webContents: FakeWebContents;
  private readonly holder: { record: RecordedWindow | null } = { record: null };

  constructor(options: RecordedWindow['options']) {
    super();
    requireReady('BrowserWindow');
    this.webContents = new FakeWebContents(this.holder);
    this.holder.record = {
      options: structuredClone(options),
      loadedUrls: [],
      loadedFiles: [],
      sent: [],
      webContents: this.webContents,
      emitter: this,
    };
    recorded.windows.push(this.holder.record);
    BrowserWindow.all.push(this);
    for (const listener of recorded.appListeners.get('web-contents-created') ?? [])
      listener({ preventDefault() {} }, this.webContents);
  }
  async loadURL(url: string): Promise<void> {
    this.holder.record!.loadedUrls.push(url);
  }
  async loadFile(path: string): Promise<void> {
    this.holder.record!.loadedFiles.push(path);
  }
  show(): void {}
  focus(): void {}
  restore(): void {}
  close(): void {
    this.emit('close', { preventDefault() {} });
  }
  isMinimized(): boolean {
    return false;
  }
}

export const ipcMain = {
  handle(channel: string, listener: Listener): void {
    if (recorded.invokeHandlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    recorded.invokeHandlers.set(channel, listener);
  },
  removeHandler: (channel: string) => void recorded.invokeHandlers.delete(channel),
  on(channel: string, listener: Listener) {
    recorded.sendListeners.set(channel, [...(recorded.sendListeners.get(channel) ?? []), listener]);
    return ipcMain;
  },
  removeListener(channel: string, listener: Listener) {
    recorded.sendListeners.set(
      channel,
      (recorded.sendListeners.get(channel) ?? []).filter((l) => l !== listener),
    );
    return ipcMain;
  },
};

const MENU_ITEM_TYPES = new Set(['normal', 'separator', 'submenu', 'checkbox', 'radio', 'header', 'palette']);

function checkTemplate(items: unknown[], path: string): void {
  items.forEach((raw, i) => {
    const item = raw as { label?: unknown; role?: unknown; type?: unknown; submenu?: unknown };
    const where = `${path}[${i}]`;
    if (item.label === undefined && item.role === undefined && item.type === undefined)
      throw new TypeError(`Invalid template for MenuItem (${where}): must have at least one of label, role or type`);
    if (item.type !== undefined && !MENU_ITEM_TYPES.has(String(item.type)))
      throw new TypeError(`Invalid template for MenuItem (${where}): unknown type ${String(item.type)}`);
    if (Array.isArray(item.submenu)) checkTemplate(item.submenu, `${where}.submenu`);
  });
}

export const Menu = {
  buildFromTemplate(template: unknown[]): { template: unknown[] } {
    checkTemplate(template, 'template');
    recorded.menus.push(template);
    return { template };
  },
  setApplicationMenu(menu: { template: unknown[] } | null): void {
    recorded.applicationMenu = menu;
  },
};

export const dialog = {
  showOpenDialog: async () => ({ canceled: true, filePaths: [] as string[] }),
  showSaveDialog: async () => ({ canceled: true, filePath: '' }),
  showMessageBox: async () => ({ response: 0, checkboxChecked: false }),
};

export const utilityProcess = {
  fork(modulePath: string, args: string[] = [], options: unknown = {}) {
    recorded.utilityForks.push({ modulePath, args, options });
    const child = new EventEmitter() as EventEmitter & { postMessage(message: unknown): void; kill(): boolean };
    child.postMessage = () => {};
    child.kill = () => true;
    return child;
  },
};

export default { app, protocol, session, BrowserWindow, ipcMain, Menu, dialog, utilityProcess };
