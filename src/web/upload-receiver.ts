import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { safeFileName } from '../core/services/safe-file-name';

/** A refused or failed upload; the message is for the user. */
export class UploadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UploadError';
  }
}

/** Human-readable size: `205 MB`, `1.07 GB` (decimal units, as file managers show them). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(bytes >= 1e8 ? 0 : 1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${bytes} bytes`;
}

/**
 * Decodes one base64 piece, refusing anything but canonical base64: Node's decoder skips stray characters and would
 * write a shorter, corrupted piece. Re-encoding and comparing is native code, cheap even for a megabyte.
 */
export function decodeBase64Piece(text: string): Buffer {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.toString('base64') !== text)
    throw new UploadError('An upload piece was not valid base64, so the upload was stopped.');
  return bytes;
}

/** A finished upload: the file on disk, in a folder of its own that the caller owns from now on. */
export interface ReceivedFile {
  /** The name the browser gave (for messages). */
  name: string;
  path: string;
  /** The upload's own folder; remove it to discard the upload. */
  dir: string;
}

interface Upload {
  owner: object;
  name: string;
  dir: string;
  path: string;
  file: FileHandle;
  size: number;
  received: number;
  /** Writes in flight, in arrival order; each has its own position, so they never interleave wrongly. */
  writing: Promise<unknown>;
}

/**
 * Browser-mode uploads, streamed: the page announces a file (name, size), sends it in pieces, then finishes it.
 * Each piece goes straight to a temporary file, so the server never holds a whole upload in memory; the total is
 * capped before the first byte arrives and checked again on every piece. An upload that fails, is abandoned, or
 * whose connection drops is deleted.
 */
export class UploadReceiver {
  private readonly uploads = new Map<string, Upload>();
  private counter = 0;

  constructor(
    private readonly options: {
      /** Where uploads are written (each in a folder of its own). */
      dir: string;
      /** Largest file accepted, in bytes. */
      maxBytes: number;
      /** Uploads one connection may have open at once. */
      maxOpenPerOwner?: number;
    },
  ) {}

  /** Starts an upload for `owner` (the connection); returns its id. Refuses a file over the cap before any byte. */
  async begin(owner: object, name: string, size: number): Promise<string> {
    if (size > this.options.maxBytes) {
      throw new UploadError(
        `${name} is ${formatBytes(size)}; browser mode accepts data files up to ${formatBytes(this.options.maxBytes)}.`,
      );
    }
    const open = [...this.uploads.values()].filter((u) => u.owner === owner).length;
    if (open >= (this.options.maxOpenPerOwner ?? 4))
      throw new UploadError('Too many uploads at once: wait for the others to finish.');
    const id = String(++this.counter);
    const dir = join(this.options.dir, id);
    await fs.mkdir(dir, { recursive: true });
    const path = join(dir, safeFileName(name));
    const file = await fs.open(path, 'wx', 0o600);
    this.uploads.set(id, { owner, name, dir, path, file, size, received: 0, writing: Promise.resolve() });
    return id;
  }

  /** Appends the next piece. More bytes than announced abort the upload. */
  async append(owner: object, id: string, bytes: Uint8Array): Promise<void> {
    const upload = this.get(owner, id);
    if (upload.received + bytes.length > upload.size) {
      await this.discard(id);
      throw new UploadError(
        `${upload.name}: the upload sent more than the ${formatBytes(upload.size)} it announced, so it was discarded.`,
      );
    }
    const position = upload.received;
    upload.received += bytes.length;
    const write = upload.writing.then(() => upload.file.write(bytes, 0, bytes.length, position));
    upload.writing = write.catch(() => {});
    try {
      await write;
    } catch (error) {
      await this.discard(id);
      throw error;
    }
  }

  /** Closes a complete upload and hands its file over; an incomplete one is discarded. */
  async complete(owner: object, id: string): Promise<ReceivedFile> {
    const upload = this.get(owner, id);
    await upload.writing;
    if (upload.received !== upload.size) {
      await this.discard(id);
      throw new UploadError(
        `${upload.name}: the upload ended after ${formatBytes(upload.received)} of ${formatBytes(upload.size)}, so it was discarded.`,
      );
    }
    this.uploads.delete(id);
    await upload.file.close();
    return { name: upload.name, path: upload.path, dir: upload.dir };
  }

  /** Drops one upload (the page gave up on it). Unknown ids are ignored: it may already be gone. */
  async abort(owner: object, id: string): Promise<void> {
    const upload = this.uploads.get(id);
    if (upload && upload.owner === owner) await this.discard(id);
  }

  /** Drops every unfinished upload of a connection that went away. */
  async abortAll(owner: object): Promise<void> {
    await Promise.all([...this.uploads].filter(([, u]) => u.owner === owner).map(([id]) => this.discard(id)));
  }

  /** Uploads still open (tests, diagnostics). */
  get openCount(): number {
    return this.uploads.size;
  }

  private get(owner: object, id: string): Upload {
    const upload = this.uploads.get(id);
    // Another connection's id is as unknown as a made-up one.
    if (!upload || upload.owner !== owner)
      throw new UploadError('That upload is no longer open: choose the file again.');
    return upload;
  }

  private async discard(id: string): Promise<void> {
    const upload = this.uploads.get(id);
    if (!upload) return;
    this.uploads.delete(id);
    await upload.writing;
    await upload.file.close().catch(() => {});
    await fs.rm(upload.dir, { recursive: true, force: true });
  }
}
