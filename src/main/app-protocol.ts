import { promises as fs } from 'node:fs';
import { contentTypeFor, resolveStaticFile } from '../core/services/static-files';

/**
 * The app's own URL scheme. The renderer is served as `app://layerlab/…` rather than from `file://`: a file:// page
 * shares its origin with every local file and gets extra privileges from Electron; an app:// page has one origin of
 * its own, and this handler serves it nothing but the built renderer folder.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'layerlab';
/** Where the window loads the UI. */
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * Registered before the app is ready (`protocol.registerSchemesAsPrivileged`). Standard: relative URLs and an origin
 * for storage; secure: a secure context like https (the clipboard API needs one). Nothing more: no CSP bypass, no
 * service workers, no CORS.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  codeCache: true,
} as const;

/**
 * The `protocol.handle` handler: GET/HEAD of a file inside `rendererDir`, with the CSP on HTML responses; anything
 * else (another host, `..` in any spelling, a folder, a missing file) is refused.
 */
export function createAppProtocolHandler(options: {
  rendererDir: string;
  csp: string;
}): (request: Request) => Promise<Response> {
  const refuse = (status: number, text: string) =>
    new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'Method not allowed.');
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return refuse(400, 'Bad URL.');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return refuse(404, 'Not found.');
    const file = await resolveStaticFile(options.rendererDir, url.pathname === '/' ? '/index.html' : url.pathname);
    if (!file) return refuse(404, 'Not found.');
    const type = contentTypeFor(file);
    const body = request.method === 'HEAD' ? null : await fs.readFile(file);
    return new Response(body, {
      status: 200,
      headers: {
        'Content-Type': type,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
        ...(type.startsWith('text/html') ? { 'Content-Security-Policy': options.csp } : {}),
      },
    });
  };
}
