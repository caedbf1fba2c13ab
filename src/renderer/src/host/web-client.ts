import { MAX_EXERCISE_FILE_BYTES } from '../../../shared/exercises/exercise-file';
import { base64ToBytes, bytesToBase64 } from '../../../shared/base64';
import { Emitter } from '../../../shared/emitter';
import { uploadAccept } from '../../../shared/training/importers';
import type { DatasetReadLimits, LayerLabApi, OpenedProject } from '../../../shared/ipc/api';
import {
  invokeApi,
  readLimits,
  type EventChannel,
  type EventMap,
  type Invoker,
} from '../../../shared/ipc/ipc-contract';
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
  /** Several files at once (a model.json with the files beside it); null when the user cancels. */
  pickFiles(accept: string): Promise<PickedFile[] | null>;
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
/** A model.json, its weight files and the project file LayerLab's export writes beside it. */
const MODEL_ACCEPT = '.json,.bin,application/json';
const PROJECT_SUFFIX = /\.layerlab\.json$/i;

/**
 * The model among files picked together: the one .json that is not a LayerLab project file (an export's
 * project.layerlab.json goes along to give the training settings). Throws a sentence when there is none or several.
 */
export function modelFileOf(files: readonly PickedFile[]): PickedFile {
  const models = files.filter((file) => /\.json$/i.test(file.name) && !PROJECT_SUFFIX.test(file.name));
  if (models.length !== 1) {
    throw new Error(
      models.length === 0
        ? 'Pick the model.json (TensorFlow.js or Keras), with its weight files if you like.'
        : `Pick one model.json at a time (${models.map((m) => m.name).join(', ')} were picked).`,
    );
  }
  return models[0];
}
const DATA_ACCEPT = uploadAccept();

/** The type a download is given, by the file's extension (pictures of the graph, mostly). */
function mimeTypeOf(name: string): string {
  const extension = name.toLowerCase().split('.').pop();
  return extension === 'png' ? 'image/png' : extension === 'svg' ? 'image/svg+xml' : 'application/octet-stream';
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
    'layerlab:exercises.checkEvent': new Emitter(),
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
  async function uploadDataFile(file: PickedFile, limits: DatasetReadLimits | undefined) {
    return call('layerlab:web.uploadFinish', { uploadId: await uploadPieces(file), ...readLimits(limits) });
  }

  /** Sends a file's pieces; the caller finishes the upload (as data, or as part of a model). */
  async function uploadPieces(file: PickedFile): Promise<string> {
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
    return uploadId;
  }

  /** Open model…: the model.json first, then the files picked with it, read as a project by the server. */
  async function importModelUpload() {
    const files = await options.files.pickFiles(MODEL_ACCEPT);
    if (!files || files.length === 0) return null;
    const model = modelFileOf(files);
    const uploadIds: string[] = [];
    try {
      for (const file of [model, ...files.filter((f) => f !== model)]) uploadIds.push(await uploadPieces(file));
    } catch (error) {
      await Promise.all(uploadIds.map((uploadId) => call('layerlab:web.uploadAbort', { uploadId }).catch(() => {})));
      throw error;
    }
    return call('layerlab:web.importModel', { uploadIds });
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
      async exportModel(request) {
        const { name, base64 } = await call('layerlab:web.exportModel', request);
        options.files.download(name, base64ToBytes(base64), 'application/zip');
        return { saved: true, where: name };
      },
      onEvent: (listener) => subscribe('layerlab:training.event', listener),
    },
    views: base.views,
    datasets: {
      ...base.datasets,
      async importFile(limits) {
        const file = await options.files.pickFile(DATA_ACCEPT);
        return file ? uploadDataFile(file, limits) : null;
      },
    },
    projects: {
      ...base.projects,
      open: openProjectUpload,
      importModel: importModelUpload,
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
    exercises: {
      ...base.exercises,
      onCheckEvent: (listener) => subscribe('layerlab:exercises.checkEvent', listener),
      // An upload: the page reads the file itself, and the renderer parses it as it would a desktop dialog's.
      async openFile() {
        const file = await options.files.pickFile(PROJECT_ACCEPT);
        if (!file) return null;
        if (file.size > MAX_EXERCISE_FILE_BYTES)
          throw new Error(`${file.name} is too big for an exercise file (at most ${MAX_EXERCISE_FILE_BYTES} bytes)`);
        return { name: file.name, text: new TextDecoder().decode(await file.read(0, file.size)) };
      },
    },
    files: {
      async save({ suggestedName, base64 }) {
        options.files.download(suggestedName, base64ToBytes(base64), mimeTypeOf(suggestedName));
        return { saved: true, where: suggestedName };
      },
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
