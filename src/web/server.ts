import { promises as fs } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EventChannel, EventMap } from '../shared/ipc/ipc-contract';
import {
  WEB_MAX_MESSAGE_BYTES,
  WEB_SOCKET_PATH,
  browserInvokeContract,
  zWebRequest,
  type WebResponse,
} from '../shared/ipc/web-protocol';
import { createDispatcher } from '../core/services/dispatch';
import { unavailableDialogs } from '../core/services/host-dialogs';
import { createInvokeHandlers } from '../core/services/invoke-handlers';
import { contentSecurityPolicy } from '../main/security';
import { createProcessDatasetReader } from '../core/engine/dataset-process';
import { createTrainingHost } from '../core/engine/training-host';
import { createServices, type Services } from '../core/services/create-services';
import { checkSocketRequest, hostAllowed, isLoopbackAddress, newToken, tokenMatches } from './auth';
import { contentTypeFor, resolveStaticFile } from './static-files';
import { createWebHandlers } from './web-handlers';

export interface WebServerOptions {
  /** 0 picks a free port (tests). */
  port: number;
  /** Loopback only; anything else is refused, since the server hands out the user's files. */
  host?: string;
  /** The built renderer (index.html + assets). */
  rendererDir: string;
  /** Fixed token (tests); by default a new random one per launch. */
  token?: string;
  /**
   * The services the bridge calls. Default: real ones (training in a forked process, user data in
   * LAYERLAB_USER_DATA or ~/.layerlab/web), disposed on close. Tests pass their own to fake training.
   */
  services?: Services;
  log?: (message: string) => void;
}

export interface WebServer {
  /** The page URL, token included: the only way in. */
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

/** Where browser mode keeps its autosave slot unless LAYERLAB_USER_DATA says otherwise. */
export function defaultUserDataDir(): string {
  return process.env.LAYERLAB_USER_DATA ?? join(homedir(), '.layerlab', 'web');
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * Browser mode: serves the built UI and bridges LayerLabApi over a WebSocket to the same services as Electron main.
 *
 * Access policy: the page (index.html) is only served with the token in its URL; the static assets are served
 * without it, as they are the app's public build and hold no user data; the WebSocket, which is where every action
 * and every byte of user data goes, requires the token, a loopback peer, our own Host and our own Origin.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK_HOSTS.has(host)) throw new Error(`Browser mode listens on loopback only; refusing host ${host}.`);
  const token = options.token ?? newToken();
  const log = options.log ?? (() => {});
  const ownServices = !options.services;
  const services =
    options.services ??
    createServices({
      userDataDir: defaultUserDataDir(),
      trainingHost: createTrainingHost(),
      readDataset: createProcessDatasetReader(),
    });
  const uploadDir = await fs.mkdtemp(join(tmpdir(), 'layerlab-uploads-'));

  // One dispatcher over the shared handler table plus the browser-only upload/download channels. Unknown channels
  // (and the Electron-only `app.*` messages: the page handles dirty state itself) are refused there.
  const dispatch = createDispatcher(
    {
      ...createInvokeHandlers({ ...services, dialogs: unavailableDialogs('browser mode') }),
      ...createWebHandlers({
        training: services.training,
        datasets: services.datasets,
        uploadDir,
      }),
    },
    browserInvokeContract,
  );

  let port = options.port;
  const csp = () =>
    contentSecurityPolicy({ dev: false, connect: [`ws://127.0.0.1:${port}`, `ws://localhost:${port}`] });

  async function serveHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const refuse = (status: number, text: string) => {
      response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      response.end(text);
    };
    if (!isLoopbackAddress(request.socket.remoteAddress))
      return refuse(403, 'Only connections from this machine are accepted.');
    if (!hostAllowed(request.headers.host, port)) return refuse(403, 'Unexpected Host header.');
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'Method not allowed.');
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    const isPage = url.pathname === '/' || url.pathname === '/index.html';
    if (isPage && !tokenMatches(token, url.searchParams.get('token'))) {
      return refuse(
        401,
        'LayerLab browser mode: open the exact URL printed by `npm run web`; it contains the access token.',
      );
    }
    const file = await resolveStaticFile(options.rendererDir, isPage ? '/index.html' : url.pathname);
    if (!file) return refuse(404, 'Not found.');
    const body = await fs.readFile(file);
    response.writeHead(200, {
      'Content-Type': contentTypeFor(file),
      'Content-Length': body.length,
      'X-Content-Type-Options': 'nosniff',
      // The token is in the page URL: never send it anywhere as a Referer, never cache the page.
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': isPage ? 'no-store' : 'no-cache',
      ...(isPage ? { 'Content-Security-Policy': csp(), 'X-Frame-Options': 'DENY' } : {}),
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  }

  const httpServer = createServer((request, response) => {
    serveHttp(request, response).catch((error: unknown) => {
      log(`HTTP error: ${(error as Error).message}`);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: WEB_MAX_MESSAGE_BYTES });
  const clients = new Set<WebSocket>();

  httpServer.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refusal = checkSocketRequest(
      {
        remoteAddress: request.socket.remoteAddress,
        host: request.headers.host,
        origin: request.headers.origin,
        url: request.url,
      },
      { port, token, path: WEB_SOCKET_PATH },
    );
    if (refusal) {
      log(`Refused a WebSocket connection: ${refusal.reason}.`);
      socket.end(
        `HTTP/1.1 ${refusal.status} ${refusal.status === 401 ? 'Unauthorized' : 'Forbidden'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
      );
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      clients.add(ws);
      ws.on('close', () => clients.delete(ws));
      ws.on('message', (data, isBinary) => void onMessage(ws, isBinary ? null : data.toString()));
    });
  });

  function send(ws: WebSocket, message: WebResponse): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  }

  async function onMessage(ws: WebSocket, text: string | null): Promise<void> {
    let parsedJson: unknown;
    try {
      parsedJson = text === null ? undefined : JSON.parse(text);
    } catch {
      parsedJson = undefined;
    }
    const request = zWebRequest.safeParse(parsedJson);
    if (!request.success) {
      // No id to answer to: a client that sends garbage gets disconnected.
      ws.close(1008, 'malformed message');
      return;
    }
    const { id, channel, payload } = request.data;
    try {
      const result = await dispatch(channel, payload);
      send(ws, { id, ok: true, result: result ?? null });
    } catch (error) {
      send(ws, { id, ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  }

  const broadcast = <C extends EventChannel>(event: C, payload: EventMap[C]) => {
    for (const ws of clients) send(ws, { event, payload } as WebResponse);
  };
  const unsubscribe = services.training.onEvent((event) => broadcast('layerlab:training.event', event));

  await new Promise<void>((resolveListen, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, host, () => {
      httpServer.off('error', reject);
      resolveListen();
    });
  });
  const address = httpServer.address();
  port = typeof address === 'object' && address ? address.port : options.port;
  const urlHost = host === '::1' ? '[::1]' : host;

  return {
    url: `http://${urlHost}:${port}/?token=${token}`,
    token,
    port,
    async close() {
      unsubscribe();
      for (const ws of clients) ws.terminate();
      sockets.close();
      await new Promise<void>((done) => httpServer.close(() => done()));
      await fs.rm(uploadDir, { recursive: true, force: true });
      if (ownServices) services.dispose();
    },
  };
}
