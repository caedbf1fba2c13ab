import type { IpcEventLike } from './ipc/register-ipc';

/**
 * Everything that keeps the window a sandboxed document viewer, as plain data and functions over Electron-like
 * fakes so it is tested without Electron. See Electron's security checklist; each setting below is one item.
 */

export interface SecureWebPreferences {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  webviewTag: false;
  experimentalFeatures: false;
  navigateOnDragDrop: false;
  spellcheck: false;
  /** DevTools only in development; production users have no use for a console into the app. */
  devTools: boolean;
}

export function secureWebPreferences(preloadPath: string, options: { dev: boolean }): SecureWebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    // Dropping a file on the window would otherwise navigate to it.
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools: options.dev,
  };
}

/**
 * The Content-Security-Policy of the UI. Only our own files load: no remote scripts, styles, fonts or
 * connections. Inline styles stay allowed because React Flow positions nodes with style attributes. Development
 * adds what Vite's dev server needs (its HMR socket and the React refresh preamble) and nothing else.
 */
export function contentSecurityPolicy(options: { dev: boolean; connect?: string[] }): string {
  const connect = [
    "'self'",
    ...(options.connect ?? []),
    ...(options.dev ? ['ws://localhost:*', 'http://localhost:*'] : []),
  ];
  const script = ["'self'", ...(options.dev ? ["'unsafe-inline'"] : [])];
  return [
    "default-src 'self'",
    `script-src ${script.join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connect.join(' ')}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
  ].join('; ');
}

/**
 * Decides whether a URL is our UI: the built renderer's index.html (app://layerlab/index.html) or, in development,
 * the dev server. Used for navigation checks and for trusting IPC senders.
 */
export function appUrlMatcher(options: { rendererIndexUrl: string; devServerUrl?: string }): (url: string) => boolean {
  const index = new URL(options.rendererIndexUrl);
  const devOrigin = options.devServerUrl ? new URL(options.devServerUrl).origin : null;
  return (url: string) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (devOrigin && parsed.origin === devOrigin) return true;
    // Scheme, host and path: a custom scheme's `origin` is "null", so it can't be compared.
    return parsed.protocol === index.protocol && parsed.host === index.host && parsed.pathname === index.pathname;
  };
}

export function isTrustedSender(event: IpcEventLike, isAppUrl: (url: string) => boolean): boolean {
  const url = event.senderFrame?.url;
  return typeof url === 'string' && isAppUrl(url);
}

/** The slice of Electron's Session used here. */
export interface SessionLike {
  setPermissionRequestHandler(
    handler:
      | ((
          webContents: unknown,
          permission: string,
          callback: (granted: boolean) => void,
          details?: { requestingUrl?: string },
        ) => void)
      | null,
  ): void;
  setPermissionCheckHandler(
    handler: ((webContents: unknown, permission: string, requestingOrigin?: string) => boolean) | null,
  ): void;
  webRequest: {
    onHeadersReceived(
      listener: (
        details: { url: string; responseHeaders?: Record<string, string[] | string> },
        callback: (response: { responseHeaders?: Record<string, string[] | string> }) => void,
      ) => void,
    ): void;
    onBeforeRequest(
      listener: (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void,
    ): void;
  };
}

/**
 * URLs the window may fetch: its own files (app://, see app-protocol.ts), data/blob URLs it makes, devtools, and the
 * dev server in development. Not file://: the UI never needs a local file by URL.
 */
export function isLocalResource(url: string, devServerUrl?: string): boolean {
  if (/^(app|data|blob|devtools|chrome-extension):/.test(url)) return true;
  if (devServerUrl) {
    const dev = new URL(devServerUrl);
    try {
      const parsed = new URL(url);
      return parsed.hostname === dev.hostname && parsed.port === dev.port;
    } catch {
      return false;
    }
  }
  return false;
}

/** The only permissions ever granted, and only to the app's own page: copy/paste of layers via the system clipboard. */
const APP_PERMISSIONS = new Set(['clipboard-read', 'clipboard-sanitized-write']);

/**
 * Session-wide policy: every permission (camera, notifications, geolocation, ...) denied — except the clipboard for
 * the app's own page when `isAppUrl` is given —, every response carries the CSP, and no request leaves the machine
 * (no remote content, even if something slipped past the CSP).
 */
export function hardenSession(
  session: SessionLike,
  options: {
    csp: string;
    devServerUrl?: string;
    onBlocked?: (url: string) => void;
    isAppUrl?: (url: string) => boolean;
  },
): void {
  const granted = (permission: string, url: string | undefined) =>
    APP_PERMISSIONS.has(permission) && url != null && (options.isAppUrl?.(url) ?? false);
  // The page asking is judged by its full URL, not by Electron's requesting *origin* (for a custom scheme that is
  // not a real origin).
  const pageUrl = (webContents: unknown) => (webContents as { getURL?: () => string } | null)?.getURL?.();
  session.setPermissionRequestHandler((webContents, permission, callback, details) =>
    callback(granted(permission, pageUrl(webContents) ?? details?.requestingUrl)),
  );
  session.setPermissionCheckHandler((webContents, permission, requestingOrigin) =>
    granted(permission, pageUrl(webContents) ?? requestingOrigin),
  );
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [options.csp] } });
  });
  session.webRequest.onBeforeRequest((details, callback) => {
    const local = isLocalResource(details.url, options.devServerUrl);
    if (!local) options.onBlocked?.(details.url);
    callback({ cancel: !local });
  });
}

/** The slice of Electron's WebContents used here. */
export interface WebContentsLike {
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (event: { preventDefault(): void; url?: string }, url: string) => void,
  ): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' } | { action: 'allow' }): void;
}

/** No navigation away from the UI, no new windows, no webviews. Links in the UI never replace the app. */
export function hardenWebContents(webContents: WebContentsLike, isAppUrl: (url: string) => boolean): void {
  const guard = (event: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url)) event.preventDefault();
  };
  webContents.on('will-navigate', guard);
  webContents.on('will-redirect', guard);
  webContents.on('will-attach-webview', (event) => event.preventDefault());
  webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
