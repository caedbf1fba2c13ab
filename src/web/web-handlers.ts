import { zipSync } from 'fflate';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, sep } from 'node:path';
import type { HandlersFor } from '../shared/ipc/ipc-contract';
import { extensionOf, FOLDER_UPLOAD_EXTENSION } from '../shared/training/importers';
import type { webInvokeContract } from '../shared/ipc/web-protocol';
import { NO_MODEL_MESSAGE, TrainingStateError, type TrainingHost } from '../core/engine/training-host';
import type { DatasetService } from '../core/services/dataset-service';
import { bytesSource, unpackZipFolder } from '../core/datasets/zip-folder';

export type WebHandlers = HandlersFor<typeof webInvokeContract>;

/** Upload names become file names on this machine: keep letters, digits, dot, dash, underscore. */
export function safeFileName(name: string): string {
  const cleaned = basename(name.replace(/\\/g, '/'))
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .replace(/^\.+/, '');
  return cleaned.length > 0 ? cleaned.slice(0, 120) : 'upload';
}

/** Unpack a zip of class folders within the limits of unpackZipFolder (entries, unpacked size, zip slip). */
async function extractZip(bytes: Uint8Array, dir: string, label: string): Promise<void> {
  await unpackZipFolder(bytesSource(bytes), dir, label);
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

/** The browser-only channels: uploads land in `uploadDir` (owned by the server, removed when it stops). */
export function createWebHandlers(deps: {
  training: TrainingHost;
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
      return deps.datasets.importFile(path);
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
