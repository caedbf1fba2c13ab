import { describe, expect, it, vi } from 'vitest';
import {
  appUrlMatcher,
  contentSecurityPolicy,
  hardenSession,
  hardenWebContents,
  isLocalResource,
  isTrustedSender,
  secureWebPreferences,
  type SessionLike,
  type WebContentsLike,
} from './security';

describe('secureWebPreferences', () => {
  it('isolates and sandboxes the renderer, with no Node anywhere', () => {
    const prefs = secureWebPreferences('/app/preload/index.cjs', { dev: false });
    expect(prefs).toMatchObject({
      preload: '/app/preload/index.cjs',
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
    expect(secureWebPreferences('/p', { dev: true }).devTools).toBe(true);
  });
});

describe('contentSecurityPolicy', () => {
  it('allows only our own origin in production', () => {
    const csp = contentSecurityPolicy({ dev: false });
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-eval|https?:|\*/);
  });
  it('opens only the dev server in development', () => {
    const csp = contentSecurityPolicy({ dev: true });
    expect(csp).toContain('ws://localhost:*');
    expect(csp).not.toContain('unsafe-eval');
  });
});

describe('appUrlMatcher and trusted senders', () => {
  const isApp = appUrlMatcher({ rendererIndexUrl: 'app://layerlab/index.html' });
  it('accepts only the renderer index', () => {
    expect(isApp('app://layerlab/index.html')).toBe(true);
    expect(isApp('app://layerlab/index.html#/x')).toBe(true);
    expect(isApp('file:///etc/passwd')).toBe(false);
    expect(isApp('file:///index.html')).toBe(false);
    expect(isApp('app://evil/index.html')).toBe(false);
    expect(isApp('app://layerlab/assets/other.html')).toBe(false);
    expect(isApp('app://layerlab.evil/index.html')).toBe(false);
    expect(isApp('https://example.com/')).toBe(false);
    expect(isApp('not a url')).toBe(false);
  });
  it('accepts the dev server only when configured', () => {
    const dev = appUrlMatcher({ rendererIndexUrl: 'app://layerlab/index.html', devServerUrl: 'http://localhost:5173' });
    expect(dev('http://localhost:5173/src/main.tsx')).toBe(true);
    expect(dev('http://localhost:5174/')).toBe(false);
    expect(isApp('http://localhost:5173/')).toBe(false);
  });
  it('trusts IPC only from app frames', () => {
    expect(isTrustedSender({ senderFrame: { url: 'app://layerlab/index.html' } }, isApp)).toBe(true);
    expect(isTrustedSender({ senderFrame: { url: 'https://evil.example/' } }, isApp)).toBe(false);
    expect(isTrustedSender({ senderFrame: null }, isApp)).toBe(false);
    expect(isTrustedSender({}, isApp)).toBe(false);
  });
});

function fakeSession() {
  const calls: Record<string, any> = {};
  const session: SessionLike = {
    setPermissionRequestHandler: (h) => void (calls.request = h),
    setPermissionCheckHandler: (h) => void (calls.check = h),
    webRequest: {
      onHeadersReceived: (l) => void (calls.headers = l),
      onBeforeRequest: (l) => void (calls.before = l),
    },
  };
  return { session, calls };
}

describe('hardenSession', () => {
  it('denies every permission', () => {
    const { session, calls } = fakeSession();
    hardenSession(session, { csp: 'x' });
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      calls.request({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(calls.check({}, permission)).toBe(false);
    }
  });
  it('grants only the clipboard, and only to the app itself', () => {
    const { session, calls } = fakeSession();
    const isAppUrl = appUrlMatcher({ rendererIndexUrl: 'app://layerlab/index.html' });
    hardenSession(session, { csp: 'x', isAppUrl });
    const ask = (permission: string, url: string) => {
      const callback = vi.fn();
      calls.request({}, permission, callback, { requestingUrl: url });
      return callback.mock.calls[0][0];
    };
    const app = 'app://layerlab/index.html';
    expect(ask('clipboard-read', app)).toBe(true);
    expect(ask('clipboard-sanitized-write', app)).toBe(true);
    expect(ask('clipboard-read', 'https://evil.example/')).toBe(false);
    expect(ask('media', app)).toBe(false);
    expect(ask('notifications', app)).toBe(false);
    expect(calls.check({}, 'clipboard-read', app)).toBe(true);
    expect(calls.check({}, 'clipboard-read', 'https://evil.example')).toBe(false);
    // The page's own URL decides, not the requesting origin Electron reports.
    expect(calls.check({ getURL: () => app }, 'clipboard-read', 'null')).toBe(true);
    expect(calls.check({ getURL: () => 'https://evil.example/' }, 'clipboard-read', 'app://layerlab')).toBe(false);
  });
  it('adds the CSP header to every response, keeping the others', () => {
    const { session, calls } = fakeSession();
    hardenSession(session, { csp: "default-src 'self'" });
    const callback = vi.fn();
    calls.headers({ url: 'file:///x', responseHeaders: { 'X-A': ['1'] } }, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'X-A': ['1'], 'Content-Security-Policy': ["default-src 'self'"] },
    });
  });
  it('cancels requests for remote content', () => {
    const { session, calls } = fakeSession();
    const onBlocked = vi.fn();
    hardenSession(session, { csp: 'x', onBlocked });
    const verdict = (url: string) => {
      const callback = vi.fn();
      calls.before({ url }, callback);
      return callback.mock.calls[0][0].cancel;
    };
    expect(verdict('app://layerlab/index.html')).toBe(false);
    expect(verdict('app://layerlab/assets/index.js')).toBe(false);
    expect(verdict('file:///etc/passwd')).toBe(true);
    expect(verdict('data:image/png;base64,AA==')).toBe(false);
    expect(verdict('https://cdn.example.com/x.js')).toBe(true);
    expect(verdict('http://localhost:5173/')).toBe(true);
    expect(onBlocked).toHaveBeenCalledWith('https://cdn.example.com/x.js');
    expect(isLocalResource('http://localhost:5173/src', 'http://localhost:5173')).toBe(true);
  });
});

describe('hardenWebContents', () => {
  function fakeContents() {
    const handlers: Record<string, (...args: any[]) => void> = {};
    let openHandler: ((d: { url: string }) => unknown) | undefined;
    const contents: WebContentsLike = {
      on: ((event: string, listener: (...args: any[]) => void) =>
        void (handlers[event] = listener)) as WebContentsLike['on'],
      setWindowOpenHandler: (h) => void (openHandler = h),
    };
    return { contents, handlers, open: (url: string) => openHandler?.({ url }) };
  }
  const isApp = (url: string) => url === 'file:///app/index.html';

  it('blocks navigation and redirects away from the app', () => {
    const { contents, handlers } = fakeContents();
    hardenWebContents(contents, isApp);
    for (const name of ['will-navigate', 'will-redirect']) {
      const away = { preventDefault: vi.fn() };
      handlers[name](away, 'https://evil.example/');
      expect(away.preventDefault).toHaveBeenCalled();
      const reload = { preventDefault: vi.fn() };
      handlers[name](reload, 'file:///app/index.html');
      expect(reload.preventDefault).not.toHaveBeenCalled();
    }
  });
  it('denies window.open and webviews', () => {
    const { contents, handlers, open } = fakeContents();
    hardenWebContents(contents, isApp);
    expect(open('https://example.com')).toEqual({ action: 'deny' });
    expect(open('file:///app/index.html')).toEqual({ action: 'deny' });
    const attach = { preventDefault: vi.fn() };
    handlers['will-attach-webview'](attach);
    expect(attach.preventDefault).toHaveBeenCalled();
  });
});
