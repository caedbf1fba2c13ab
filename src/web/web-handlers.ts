import { unzipSync, zipSync } from 'fflate';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { HandlersFor } from '../shared/ipc/ipc-contract';
import { extensionOf, FOLDER_UPLOAD_EXTENSION } from '../shared/training/importers';
import type { webInvokeContract } from '../shared/ipc/web-protocol';
import { NO_MODEL_MESSAGE, TrainingStateError, type TrainingHost } from '../core/engine/training-host';
import type { DatasetService } from '../core/services/dataset-service';
import { decodeBase64Piece, type UploadReceiver } from './upload-receiver';

/** Who is calling: uploads belong to the connection that started them. */
export interface WebCallContext {
  connection: object;
}

type WebChannelHandlers = HandlersFor<typeof webInvokeContract>;

/** The browser-only channels' handlers: each also gets the calling connection. */
export type WebHandlers = {
  [C in keyof WebChannelHandlers]: (
    request: Parameters<WebChannelHandlers[C]>[0],
    context: WebCallContext,
  ) => ReturnType<WebChannelHandlers[C]>;
};

/** Unpack a zip of class folders, refusing entries that would land outside `dir` (zip slip). */
async function extractZip(bytes: Uint8Array, dir: string, label: string): Promise<void> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (error) {
    throw new Error(`${label} is not a valid zip file: ${(error as Error).message}`);
  }
  for (const [name, data] of Object.entries(entries)) {
    if (name.endsWith('/')) continue;
    const target = resolve(dir, name);
    if (!target.startsWith(resolve(dir) + sep)) throw new Error(`${label} contains an unsafe entry name: ${name}`);
    await fs.mkdir(dirname(target), { recursive: true });
    await fs.writeFile(target, data);
  }
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** The browser-only channels: uploads are received by `uploads` (in a folder the server owns and removes when it stops). */
export function createWebHandlers(deps: {
  training: TrainingHost;
  datasets: DatasetService;
  uploads: UploadReceiver;
}): WebHandlers {
  return {
    'layerlab:web.uploadBegin': async ({ name, size }, { connection }) => ({
      uploadId: await deps.uploads.begin(connection, name, size),
    }),
    'layerlab:web.uploadChunk': ({ uploadId, base64 }, { connection }) =>
      deps.uploads.append(connection, uploadId, decodeBase64Piece(base64)),
    'layerlab:web.uploadAbort': ({ uploadId }, { connection }) => deps.uploads.abort(connection, uploadId),

    async 'layerlab:web.uploadFinish'({ uploadId }, { connection }) {
      const received = await deps.uploads.complete(connection, uploadId);
      try {
        let path = received.path;
        if (extensionOf(path) === FOLDER_UPLOAD_EXTENSION) {
          const zip = path;
          path = path.slice(0, -(FOLDER_UPLOAD_EXTENSION.length + 1));
          await extractZip(await fs.readFile(zip), path, received.name);
          await fs.rm(zip);
          // A zip holding one top-level folder means that folder is the data set.
          const top = await fs.readdir(path, { withFileTypes: true });
          if (top.length === 1 && top[0].isDirectory()) path = join(path, top[0].name);
        }
        // Read once (a file that can't be read fails here, with the importer's message), then allowed.
        return await deps.datasets.importFile(path);
      } catch (error) {
        await fs.rm(received.dir, { recursive: true, force: true });
        throw error;
      }
    },

    async 'layerlab:web.exportModel'() {
      if (!deps.training.hasModel()) throw new TrainingStateError(NO_MODEL_MESSAGE);
      const dir = await fs.mkdtemp(join(tmpdir(), 'layerlab-export-'));
      try {
        await deps.training.exportModel(dir);
        const files: Record<string, Uint8Array> = {};
        for (const path of await filesUnder(dir))
          files[relative(dir, path).split(sep).join('/')] = await fs.readFile(path);
        if (Object.keys(files).length === 0) throw new Error('The model export wrote no files.');
        return { name: 'layerlab-model.zip', base64: Buffer.from(zipSync(files)).toString('base64') };
      } finally {
        await fs.rm(dir, { recursive: true, force: true });
      }
    },
  };
}
