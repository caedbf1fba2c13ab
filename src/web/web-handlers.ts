import { zipSync } from 'fflate';
import { promises as fs } from 'node:fs';
import { basename, join } from 'node:path';
import type { HandlersFor } from '../shared/ipc/ipc-contract';
import { extensionOf, FOLDER_UPLOAD_EXTENSION } from '../shared/training/importers';
import type { webInvokeContract } from '../shared/ipc/web-protocol';
import type { DatasetService } from '../core/services/dataset-service';
import { openDataFile, readExactly } from '../core/datasets/file-guard';
import { unpackZipFolder } from '../core/datasets/zip-folder';
import type { DatasetAccess } from '../core/services/dataset-access';
import { importModel } from '../core/services/invoke-handlers';
import { renderRunExport } from '../core/services/run-export';
import type { RunModelStore } from '../core/services/run-models';
import { safeFileName } from '../core/services/safe-file-name';
import { decodeBase64Piece, type UploadReceiver } from './upload-receiver';

/** Who is calling: uploads belong to the connection that started them. */
export interface WebCallContext {
  connection: object;
}

/**
 * Browser mode never shows where uploads sit on the server: in a message, "<uploadDir>/3/data.npz" becomes
 * "data.npz" (the user's own file name, as the upload named it), and the folder "<uploadDir>/3" itself "the uploaded
 * files" (a weight file missing beside an uploaded model.json).
 */
export function hideUploadPaths(text: string, uploadDir: string): string {
  const escaped = uploadDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text
    .replace(new RegExp(`${escaped}[\\\\/]\\d+[\\\\/]`, 'g'), '')
    .replace(new RegExp(`${escaped}[\\\\/]\\d+(?![\\w\\\\/])`, 'g'), 'the uploaded files');
}

type WebChannelHandlers = HandlersFor<typeof webInvokeContract>;

/** The browser-only channels' handlers: each also gets the calling connection. */
export type WebHandlers = {
  [C in keyof WebChannelHandlers]: (
    request: Parameters<WebChannelHandlers[C]>[0],
    context: WebCallContext,
  ) => ReturnType<WebChannelHandlers[C]>;
};

/**
 * Unpacks the uploaded zip of class folders at `zip` into `dir`, reading it piece by piece, within the limits of
 * unpackZipFolder (entry count, unpacked size, zip slip).
 */
async function extractZip(zip: string, dir: string, label: string): Promise<void> {
  const { handle, size } = await openDataFile(zip);
  try {
    await unpackZipFolder({ size, read: (offset, length) => readExactly(handle, zip, offset, length) }, dir, label);
  } finally {
    await handle.close();
  }
}

/** The browser-only channels: uploads are received by `uploads` (in a folder the server owns and removes when it stops). */
export function createWebHandlers(deps: {
  runModels: RunModelStore;
  datasets: DatasetService;
  uploads: UploadReceiver;
  /** The data files this session may read: an export with its data checks the run's. */
  datasetAccess: DatasetAccess;
}): WebHandlers {
  return {
    'layerlab:web.uploadBegin': async ({ name, size }, { connection }) => ({
      uploadId: await deps.uploads.begin(connection, name, size),
    }),
    'layerlab:web.uploadChunk': ({ uploadId, base64 }, { connection }) =>
      deps.uploads.append(connection, uploadId, decodeBase64Piece(base64)),
    'layerlab:web.uploadAbort': ({ uploadId }, { connection }) => deps.uploads.abort(connection, uploadId),

    async 'layerlab:web.uploadFinish'({ uploadId, ...limits }, { connection }) {
      const received = await deps.uploads.complete(connection, uploadId);
      try {
        let path = received.path;
        if (extensionOf(path) === FOLDER_UPLOAD_EXTENSION) {
          const zip = path;
          path = path.slice(0, -(FOLDER_UPLOAD_EXTENSION.length + 1));
          await extractZip(zip, path, received.name);
          await fs.rm(zip);
          // A zip holding one top-level folder means that folder is the data set.
          const top = await fs.readdir(path, { withFileTypes: true });
          if (top.length === 1 && top[0].isDirectory()) path = join(path, top[0].name);
        }
        // Read once (a file that can't be read fails here, with the importer's message), then allowed. The data set
        // is shown by the user's own file name, never by where the upload sits on the server.
        const name = basename(received.name.replace(/\\/g, '/')) || basename(path);
        return await deps.datasets.importFile(path, name, limits);
      } catch (error) {
        await fs.rm(received.dir, { recursive: true, force: true });
        throw error;
      }
    },

    async 'layerlab:web.importModel'({ uploadIds }, { connection }) {
      // Every upload is finished (or discarded) first, so none is left open whatever happens next.
      const settled = await Promise.allSettled(uploadIds.map((id) => deps.uploads.complete(connection, id)));
      const received = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
      try {
        const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
        if (failed) throw failed.reason;
        // The files picked together sit side by side, as they did on the user's disk: the model.json's weights
        // manifest and a project.layerlab.json beside it are found there.
        const [model, ...others] = received;
        for (const file of others) await fs.rename(file.path, join(model.dir, basename(file.path)));
        return await importModel(model.path, basename(model.name.replace(/\\/g, '/')) || basename(model.path));
      } finally {
        await Promise.all(received.map((file) => fs.rm(file.dir, { recursive: true, force: true })));
      }
    },

    async 'layerlab:web.exportModel'({ runId, name, format, includeData, includeWeights }) {
      const files = await renderRunExport({
        runDir: deps.runModels.folder(runId),
        format,
        projectName: name,
        includeData,
        includeWeights,
        access: deps.datasetAccess,
      });
      const zipped = Object.fromEntries(
        files.map((file) => [
          file.name,
          typeof file.contents === 'string' ? new TextEncoder().encode(file.contents) : file.contents,
        ]),
      );
      return { name: `${safeFileName(name)}.zip`, base64: Buffer.from(zipSync(zipped)).toString('base64') };
    },
  };
}
