import { unzipSync, zipSync } from 'fflate';
import { promises as fs } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { HandlersFor } from '../shared/ipc/ipc-contract';
import { extensionOf, FOLDER_UPLOAD_EXTENSION } from '../shared/training/importers';
import type { webInvokeContract } from '../shared/ipc/web-protocol';
import type { DatasetService } from '../core/services/dataset-service';
import { runFiles, type RunModelStore } from '../core/services/run-models';
import { safeFileName } from '../core/services/safe-file-name';

export type WebHandlers = HandlersFor<typeof webInvokeContract>;

/**
 * Browser mode never shows where uploads sit on the server: in a message, "<uploadDir>/3/data.npz" becomes
 * "data.npz" (the user's own file name, as the upload named it).
 */
export function hideUploadPaths(text: string, uploadDir: string): string {
  const escaped = uploadDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`${escaped}[\\\\/]\\d+[\\\\/]`, 'g'), '');
}

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

/** The browser-only channels: uploads land in `uploadDir` (owned by the server, removed when it stops). */
export function createWebHandlers(deps: {
  runModels: RunModelStore;
  datasets: DatasetService;
  uploadDir: string;
}): WebHandlers {
  let uploads = 0;
  return {
    async 'layerlab:web.uploadDataset'({ name, base64 }) {
      const bytes = Buffer.from(base64, 'base64');
      // Each upload gets its own folder so two files with the same name never overwrite each other.
      const dir = join(deps.uploadDir, String(++uploads));
      await fs.mkdir(dir, { recursive: true });
      const fileName = safeFileName(name);
      let path: string;
      if (extensionOf(fileName) === FOLDER_UPLOAD_EXTENSION) {
        path = join(dir, fileName.slice(0, -(FOLDER_UPLOAD_EXTENSION.length + 1)));
        await extractZip(bytes, path, name);
        // A zip holding one top-level folder means that folder is the data set.
        const top = await fs.readdir(path, { withFileTypes: true });
        if (top.length === 1 && top[0].isDirectory()) path = join(path, top[0].name);
      } else {
        path = join(dir, fileName);
        await fs.writeFile(path, bytes);
      }
      return deps.datasets.importFile(path, basename(name.replace(/\\/g, '/')) || fileName);
    },

    async 'layerlab:web.exportModel'({ runId, name }) {
      const files = await runFiles(deps.runModels.folder(runId));
      if (Object.keys(files).length === 0) throw new Error('The model export wrote no files.');
      return { name: `${safeFileName(name)}.zip`, base64: Buffer.from(zipSync(files)).toString('base64') };
    },
  };
}
