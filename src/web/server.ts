import { promises as fs } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EventChannel, EventMap, HandlersFor } from '../shared/ipc/ipc-contract';
import {
  WEB_MAX_MESSAGE_BYTES,
  WEB_SOCKET_PATH,
  browserInvokeContract,
  zWebRequest,
  type webInvokeContract,
  type WebResponse,
} from '../shared/ipc/web-protocol';
import { createDispatcher, type Dispatch } from '../core/services/dispatch';
import { unavailableDialogs } from '../core/services/host-dialogs';
import { createInvokeHandlers } from '../core/services/invoke-handlers';
import { contentSecurityPolicy } from '../main/security';
import { createProcessDatasetReader } from '../core/engine/dataset-process';
import { MAX_DATA_FILE_BYTES } from '../core/datasets/file-guard';
import { createTrainingHost } from '../core/engine/training-host';
import { toClientError } from '../core/services/client-error';
import { createServices, type Services } from '../core/services/create-services';
import { checkSocketRequest, hostAllowed, isLoopbackAddress, newToken, tokenMatches } from './auth';
import { contentTypeFor, resolveStaticFile } from '../core/services/static-files';
import { UploadReceiver } from './upload-receiver';
import { createWebHandlers, hideUploadPaths, type WebCallContext } from './web-handlers';

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
  /** Largest data file a page may upload; by default the largest data file LayerLab reads at all. */
  maxUploadBytes?: number;
}

export interface WebServer {
  /** The page URL, token included: the only way in. */
  url: string;
  token: string;
  port: number;
  /** Where uploaded data files are kept while the server runs; removed by close(). */
  uploadDir: string;
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

  const uploads = new UploadReceiver({ dir: uploadDir, maxBytes: options.maxUploadBytes ?? MAX_DATA_FILE_BYTES });
  const sharedHandlers = createInvokeHandlers({ ...services, dialogs: unavailableDialogs('browser mode') });
  const webHandlers = createWebHandlers({
    runModels: services.runModels,
    datasets: services.datasets,
    uploads,
    datasetAccess: services.datasetAccess,
  });

  /**
   * One dispatcher per connection, over the shared handler table plus the browser-only upload/download channels,
   * which learn the calling connection (an upload belongs to it). Unknown channels (and the Electron-only `app.*`
   * messages: the page handles dirty state itself) are refused there.
   */
  function dispatcherFor(connection: object): Dispatch {
    const bound = Object.fromEntries(
      Object.entries(webHandlers).map(([channel, handler]) => [
        channel,
        (request: unknown) =>
          (handler as (request: unknown, context: WebCallContext) => unknown)(request, { connection }),
      ]),
    ) as unknown as HandlersFor<typeof webInvokeContract>;
    return createDispatcher({ ...sharedHandlers, ...bound }, browserInvokeContract);
  }

  let port = options.port;
  const csp = () =>
    contentSecurityPolicy({ dev: false, connect: [`ws://127.0.0.1:${port}`, `ws://localhost:${port}`] });

  const indexFile = join(options.rendererDir, 'index.html');
  /** Any HTML document, and whatever file is index.html under another name (same device and inode), is the page. */
  async function isAppPage(file: string): Promise<boolean> {
    if (/\.html?$/i.test(file)) return true;
    const [a, b] = await Promise.all([fs.stat(file), fs.stat(indexFile).catch(() => null)]);
    return b != null && a.dev === b.dev && a.ino === b.ino;
  }

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
    // Decide what is being asked for on the file it resolves to, not on the spelling of the URL: `/%69ndex.html`,
    // `/index.html/`, `/assets%2f..%2findex.html` and, on case-insensitive disks, `/INDEX.HTML` are all the page.
    const file = await resolveStaticFile(options.rendererDir, url.pathname === '/' ? '/index.html' : url.pathname);
    if (!file) return refuse(404, 'Not found.');
    const isPage = await isAppPage(file);
    if (isPage && !tokenMatches(token, url.searchParams.get('token'))) {
      return refuse(
        401,
        'LayerLab browser mode: open the exact URL printed by `npm run web`; it contains the access token.',
      );
    }
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
    // Node hands the upgrade socket over without an 'error' listener: a peer that resets it (ECONNRESET, EPIPE on
    // the refusal we write) would otherwise throw out of the event loop and end the whole server.
    const onSocketError = (error: Error) => {
      log(`WebSocket upgrade socket failed: ${error.message}`);
      socket.destroy();
    };
    socket.on('error', onSocketError);
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
      socket.off('error', onSocketError);
      clients.add(ws);
      ws.on('close', () => {
        clients.delete(ws);
        // An upload its page can no longer finish is deleted now, not when the server stops.
        void uploads
          .abortAll(ws)
          .catch((error: Error) => log(`Could not delete an abandoned upload: ${error.message}`));
      });
      // A protocol error (bad UTF-8, unmasked or reserved frames, an oversized message, ...) is that client's
      // problem: ws has already sent the matching close code and drops the connection; the server carries on.
      ws.on('error', (error) => log(`Closed a WebSocket connection after a protocol error: ${error.message}`));
      const dispatch = dispatcherFor(ws);
      ws.on('message', (data, isBinary) => void onMessage(ws, dispatch, isBinary ? null : data.toString()));
    });
  });

  function send(ws: WebSocket, message: WebResponse): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  }

  async function onMessage(ws: WebSocket, dispatch: Dispatch, text: string | null): Promise<void> {
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
      const reply = toClientError(error);
      if (reply.internal)
        log(`${channel} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      send(ws, { id, ok: false, error: hideUploadPaths(reply.message, uploadDir) });
    }
  }

  const broadcast = <C extends EventChannel>(event: C, payload: EventMap[C]) => {
    for (const ws of clients) send(ws, { event, payload } as WebResponse);
  };
  const unsubscribeTraining = services.training.onEvent((event) => broadcast('layerlab:training.event', event));
  const unsubscribeCheck = services.exercises.onEvent((event) => broadcast('layerlab:exercises.checkEvent', event));

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
    uploadDir,
    async close() {
      unsubscribeTraining();
      unsubscribeCheck();
      for (const ws of clients) ws.terminate();
      sockets.close();
      await new Promise<void>((done) => httpServer.close(() => done()));
      await fs.rm(uploadDir, { recursive: true, force: true });
      if (ownServices) services.dispose();
    },
  };
}
