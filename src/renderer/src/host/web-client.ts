import { Emitter } from '../../../shared/emitter';
import { uploadAccept } from '../../../shared/training/importers';
import type { LayerLabApi, OpenedProject } from '../../../shared/ipc/api';
import { invokeApi, type EventChannel, type EventMap, type Invoker } from '../../../shared/ipc/ipc-contract';
import {
  WEB_SOCKET_PATH,
  WEB_UPLOAD_CHUNK_BYTES,
  type AnyInvokeChannel,
  type AnyInvokeResponse,
  type WebResponse,
} from '../../../shared/ipc/web-protocol';

/** A picked file, read piece by piece so a large data file is never held whole in the page. */
export interface PickedFile {
  name: string;
  /** In bytes. */
  size: number;
  /** Bytes `start` (inclusive) to `end` (exclusive). */
  read(start: number, end: number): Promise<Uint8Array>;
}

/** A PickedFile over bytes already in memory (tests, generated files). */
export function pickedFileFromBytes(name: string, bytes: Uint8Array): PickedFile {
  return { name, size: bytes.length, read: async (start, end) => bytes.subarray(start, end) };
}

/** What the browser does instead of native dialogs: a file input and a download link (browser-files.ts). */
export interface BrowserFiles {
  /** `accept` as for <input type=file>; null when the user cancels. */
  pickFile(accept: string): Promise<PickedFile | null>;
  download(name: string, data: Uint8Array | string, mimeType: string): void;
}

/** Recently opened/saved projects, kept by the page (browser mode has no paths on the server to remember). */
export interface RecentStore {
  list(): { handle: string; name: string }[];
  get(handle: string): string | null;
  put(name: string, text: string): string;
}

/** The minimal WebSocket the client needs: the browser's, or `ws` in Node tests. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

export interface WebHostOptions {
  /** The server's origin, e.g. http://127.0.0.1:5170 (the page's own in the browser). */
  origin: string;
  token: string;
  openSocket(url: string): SocketLike;
  files: BrowserFiles;
  recent: RecentStore;
  /** Called with the dirty state so the page can ask before unloading. */
  onDirtyState?(state: { unsavedChanges: boolean; training: boolean }): void;
}

const OPEN = 1;
const PROJECT_ACCEPT = '.json,application/json';
const DATA_ACCEPT = uploadAccept();

const BASE64_CODES = new TextEncoder().encode('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');
const PAD = 61; // '='

/**
 * Standard base64 with padding. Written out rather than `btoa(String.fromCharCode(...))`: uploads encode a megabyte
 * per piece, and that route builds a binary string first (and is about 100 times slower in Node, where tests run).
 */
export function bytesToBase64(bytes: Uint8Array): string {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  let o = 0;
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out[o++] = BASE64_CODES[n >>> 18];
    out[o++] = BASE64_CODES[(n >>> 12) & 63];
    out[o++] = BASE64_CODES[(n >>> 6) & 63];
    out[o++] = BASE64_CODES[n & 63];
  }
  if (i < bytes.length) {
    const n = (bytes[i] << 16) | (i + 1 < bytes.length ? bytes[i + 1] << 8 : 0);
    out[o++] = BASE64_CODES[n >>> 18];
    out[o++] = BASE64_CODES[(n >>> 12) & 63];
    out[o++] = i + 1 < bytes.length ? BASE64_CODES[(n >>> 6) & 63] : PAD;
    out[o++] = PAD;
  }
  // Pure ASCII, so decoding as UTF-8 is exact.
  return new TextDecoder().decode(out);
}

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function withProjectExtension(name: string): string {
  return /\.layerlab\.json$/i.test(name) ? name : `${name.replace(/\.json$/i, '')}.layerlab.json`;
}

/**
 * LayerLabApi over the browser-mode WebSocket. Opening projects and importing data become uploads, saving and
 * exporting become downloads; everything else is the same contract as Electron's preload. The socket opens lazily
 * and reopens after a drop; calls in flight when it drops fail with a message saying so.
 */
export function createWebHostApi(options: WebHostOptions): LayerLabApi & { close(): void } {
  const socketUrl = `${options.origin.replace(/^http/, 'ws')}${WEB_SOCKET_PATH}?token=${encodeURIComponent(options.token)}`;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  const events: { [C in EventChannel]: Emitter<EventMap[C]> } = {
    'layerlab:training.event': new Emitter(),
    'layerlab:app.menuCommand': new Emitter(),
  };
  let socket: SocketLike | null = null;
  let ready: Promise<SocketLike> | null = null;
  let nextId = 1;

  function connect(): Promise<SocketLike> {
    if (ready && socket && socket.readyState <= OPEN) return ready;
    const current = options.openSocket(socketUrl);
    socket = current;
    ready = new Promise((resolve, reject) => {
      let opened = false;
      current.addEventListener('open', () => {
        opened = true;
        resolve(current);
      });
      current.addEventListener('close', () => {
        if (!opened)
          reject(
            new Error(
              'Cannot reach the LayerLab server: is `npm run web` still running, and was the page opened with its token?',
            ),
          );
        for (const [id, call] of pending) {
          pending.delete(id);
          call.reject(new Error('The connection to the LayerLab server was lost.'));
        }
        if (socket === current) {
          socket = null;
          ready = null;
        }
      });
      // Errors are always followed by 'close', which does the reporting.
      current.addEventListener('error', () => {});
      current.addEventListener('message', (event) => onMessage(event.data));
    });
    return ready;
  }

  function onMessage(data: unknown): void {
    let message: WebResponse;
    try {
      message = JSON.parse(String(data)) as WebResponse;
    } catch {
      return;
    }
    if ('event' in message) {
      if (!Object.hasOwn(events, message.event)) return;
      (events[message.event] as Emitter<unknown>).emit(message.payload);
      return;
    }
    const call = pending.get(message.id);
    if (!call) return;
    pending.delete(message.id);
    if (message.ok) call.resolve(message.result);
    else call.reject(new Error(message.error));
  }

  async function call<C extends AnyInvokeChannel>(channel: C, payload?: unknown): Promise<AnyInvokeResponse<C>> {
    const ws = await connect();
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      ws.send(JSON.stringify({ id, channel, payload }));
    });
  }

  const invoke: Invoker = (channel, payload) => call(channel, payload) as never;
  const base = invokeApi(invoke);

  function subscribe<C extends EventChannel>(channel: C, listener: (payload: EventMap[C]) => void): () => void {
    return events[channel].on(listener);
  }

  /**
   * Streams a data file to the server one piece at a time, each acknowledged before the next is read, so neither
   * side ever holds the whole file; the server refuses an oversized file at `uploadBegin`, before any byte.
   */
  async function uploadDataFile(file: PickedFile) {
    const { uploadId } = await call('layerlab:web.uploadBegin', { name: file.name, size: file.size });
    try {
      for (let start = 0; start < file.size; start += WEB_UPLOAD_CHUNK_BYTES) {
        const bytes = await file.read(start, Math.min(file.size, start + WEB_UPLOAD_CHUNK_BYTES));
        await call('layerlab:web.uploadChunk', { uploadId, base64: bytesToBase64(bytes) });
      }
    } catch (error) {
      // The server deletes what it received (it also does when the connection is gone).
      await call('layerlab:web.uploadAbort', { uploadId }).catch(() => {});
      throw error;
    }
    return call('layerlab:web.uploadFinish', { uploadId });
  }

  async function openProjectUpload(): Promise<OpenedProject | null> {
    const file = await options.files.pickFile(PROJECT_ACCEPT);
    if (!file) return null;
    const text = new TextDecoder().decode(await file.read(0, file.size));
    const handle = options.recent.put(file.name, text);
    return { handle, name: file.name, text };
  }

  return {
    platform: 'web',
    training: {
      ...base.training,
      async exportModel() {
        const { name, base64 } = await call('layerlab:web.exportModel');
        options.files.download(name, base64ToBytes(base64), 'application/zip');
        return { saved: true, where: name };
      },
      onEvent: (listener) => subscribe('layerlab:training.event', listener),
    },
    datasets: {
      ...base.datasets,
      async importFile() {
        const file = await options.files.pickFile(DATA_ACCEPT);
        return file ? uploadDataFile(file) : null;
      },
    },
    projects: {
      ...base.projects,
      open: openProjectUpload,
      async openRecent(handle) {
        const text = options.recent.get(handle);
        if (text === null) throw new Error('That project is no longer in this browser’s recent list: open it again.');
        const entry = options.recent.list().find((r) => r.handle === handle);
        return { handle, name: entry?.name ?? handle, text };
      },
      async save({ suggestedName, text, handle, saveAs }) {
        // A download can't overwrite a file in place; "Save" downloads under the same name the project came with.
        const name = withProjectExtension(
          !saveAs && handle
            ? (options.recent.list().find((r) => r.handle === handle)?.name ?? suggestedName)
            : suggestedName,
        );
        options.files.download(name, text, 'application/json');
        return { handle: options.recent.put(name, text), name };
      },
      recent: async () => options.recent.list(),
    },
    app: {
      onMenuCommand: (listener) =>
        subscribe('layerlab:app.menuCommand', ({ command, detail }) => listener(command, detail)),
      setDirtyState: (state) => options.onDirtyState?.(state),
    },
    close() {
      socket?.close();
    },
  };
}
