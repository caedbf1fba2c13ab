import { createHash } from 'node:crypto';
import { createReadStream, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createWebHostApi, type PickedFile, type SocketLike } from '../renderer/src/host/web-client';
import { mulberry32 } from '../shared/seeded-random';
import { spawnServerProcess, type ServerProcess } from './testing/spawn-server';

/**
 * The UI's upload of an ordinary 205 MB data file, end to end through the real server process: before uploads were
 * streamed it went as one base64 message over the frame limit and took the server down. Neither side may hold the
 * file whole: the test reads it from disk a piece at a time, and the server's peak memory is measured.
 */

const MB = 1_000_000;
const TARGET_BYTES = 205 * MB;

let work: string;
let server: ServerProcess;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'layerlab-upload-'));
  server = await spawnServerProcess();
});

afterAll(() => {
  server?.stop();
  rmSync(work, { recursive: true, force: true });
});

function npyHeader(descr: string, shape: number[]): Buffer {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
  const out = Buffer.alloc(10 + header.length);
  out.write('\x93NUMPY', 0, 'latin1');
  out[6] = 1;
  out.writeUInt16LE(header.length, 8);
  out.write(header, 10, 'latin1');
  return out;
}

/**
 * Writes an .npz (stored zip) of `x` (points), `y` (labels) and a large `x_extra` array to `path`, piece by piece,
 * and returns its sha256. The extra array is what makes the file big; the importer reads only x and y.
 */
async function writeLargeNpz(path: string, totalBytes: number): Promise<string> {
  const random = mulberry32(14);
  const samples = 200;
  const x = Buffer.alloc(samples * 2 * 4);
  const y = Buffer.alloc(samples * 4);
  for (let i = 0; i < samples; i++) {
    const label = i % 2;
    x.writeFloatLE(label + random() * 0.5, i * 8);
    x.writeFloatLE(label - random() * 0.5, i * 8 + 4);
    y.writeInt32LE(label, i * 4);
  }
  const small = [
    { name: 'x.npy', data: Buffer.concat([npyHeader('<f4', [samples, 2]), x]) },
    { name: 'y.npy', data: Buffer.concat([npyHeader('<i4', [samples]), y]) },
  ];
  const block = Buffer.alloc(1 << 20);
  for (let i = 0; i < block.length; i += 4) block.writeUInt32LE(Math.floor(random() * 2 ** 32), i);
  const overhead = 2000;
  const extraLength = totalBytes - overhead - small.reduce((n, e) => n + e.data.length, 0);
  const extraHeader = npyHeader('|u1', [extraLength]);
  /** The i-th 1 MiB piece of the extra array: distinct per piece, so a piece out of order changes the hash. */
  const extraPiece = (i: number) => {
    const piece = Buffer.from(block.subarray(0, Math.min(block.length, extraLength - i * block.length)));
    piece.writeUInt32LE(i, 0);
    return piece;
  };
  const pieces = Math.ceil(extraLength / block.length);
  let extraCrc = crc32(extraHeader);
  for (let i = 0; i < pieces; i++) extraCrc = crc32(extraPiece(i), extraCrc);

  const file = await open(path, 'w');
  const hash = createHash('sha256');
  let offset = 0;
  const write = async (bytes: Buffer) => {
    hash.update(bytes);
    await file.write(bytes);
    offset += bytes.length;
  };
  const entries: { name: string; crc: number; size: number; offset: number }[] = [];
  const localHeader = (name: string, crc: number, size: number) => {
    const header = Buffer.alloc(30 + name.length);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(size, 18);
    header.writeUInt32LE(size, 22);
    header.writeUInt16LE(name.length, 26);
    header.write(name, 30, 'latin1');
    return header;
  };
  for (const { name, data } of small) {
    entries.push({ name, crc: crc32(data), size: data.length, offset });
    await write(localHeader(name, crc32(data), data.length));
    await write(data);
  }
  const extraSize = extraHeader.length + extraLength;
  entries.push({ name: 'x_extra.npy', crc: extraCrc, size: extraSize, offset });
  await write(localHeader('x_extra.npy', extraCrc, extraSize));
  await write(extraHeader);
  for (let i = 0; i < pieces; i++) await write(extraPiece(i));
  const directoryOffset = offset;
  for (const entry of entries) {
    const header = Buffer.alloc(46 + entry.name.length);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt32LE(entry.crc, 16);
    header.writeUInt32LE(entry.size, 20);
    header.writeUInt32LE(entry.size, 24);
    header.writeUInt16LE(entry.name.length, 28);
    header.writeUInt32LE(entry.offset, 42);
    header.write(entry.name, 46, 'latin1');
    await write(header);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(offset - directoryOffset, 12);
  end.writeUInt32LE(directoryOffset, 16);
  await write(end);
  await file.close();
  return hash.digest('hex');
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** A picked file read from disk on demand, as the browser reads a File slice by slice. */
async function pickFromDisk(path: string, name: string): Promise<PickedFile & { close(): Promise<void> }> {
  const handle = await open(path, 'r');
  const { size } = await handle.stat();
  return {
    name,
    size,
    async read(start, end) {
      const buffer = Buffer.alloc(end - start);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, start);
      return buffer.subarray(0, bytesRead);
    },
    close: () => handle.close(),
  };
}

function clientFor(picked: PickedFile) {
  const origin = `http://127.0.0.1:${server.port}`;
  return createWebHostApi({
    origin,
    token: server.token,
    openSocket: (url) => new WebSocket(url, { origin }) as unknown as SocketLike,
    files: { pickFile: async () => picked, pickFiles: async () => null, download: () => {} },
    recent: { list: () => [], get: () => null, put: (name) => name },
  });
}

describe('browser mode: streamed upload of a large data file', () => {
  it('uploads a 205 MB .npz in pieces, byte for byte, and the server never holds it whole', async () => {
    const path = join(work, 'points-205mb.npz');
    const expectedHash = await writeLargeNpz(path, TARGET_BYTES);
    const picked = await pickFromDisk(path, 'points-205mb.npz');
    expect(picked.size).toBeGreaterThan(TARGET_BYTES - 5000);
    const api = clientFor(picked);
    try {
      await api.datasets.list();
      const before = server.peakMemoryBytes();
      const ref = await api.datasets.importFile();
      const peakGrowth = server.peakMemoryBytes() - before;
      expect(ref).toMatchObject({ kind: 'file' });
      const serverCopy = (ref as { path: string }).path;
      expect(serverCopy.startsWith(server.uploadDir)).toBe(true);
      expect(await sha256Of(serverCopy)).toBe(expectedHash);
      // One whole copy of the file would be 205 MB more, its base64 273 MB. What grows is the garbage of the pieces
      // (a few MB each) between collections, which does not depend on the file's size.
      expect(peakGrowth).toBeLessThan(120 * MB);
      await expect(api.datasets.describe(ref!)).resolves.toMatchObject({
        inputShape: [2],
        classNames: ['0', '1'],
      });
      expect(server.alive()).toBe(true);
    } finally {
      api.close();
      await picked.close();
    }
    // 205 MB through the socket: about 50 s alone on a loaded two-core machine, more beside the other test worker.
  }, 180_000);

  it('refuses a file over the server’s limit before sending it, naming its size and the limit', async () => {
    const small = await spawnServerProcess({ LAYERLAB_TEST_MAX_UPLOAD_BYTES: String(100 * MB) });
    const path = join(work, 'points-205mb.npz');
    const picked = await pickFromDisk(path, 'points-205mb.npz');
    const origin = `http://127.0.0.1:${small.port}`;
    const api = createWebHostApi({
      origin,
      token: small.token,
      openSocket: (url) => new WebSocket(url, { origin }) as unknown as SocketLike,
      files: { pickFile: async () => picked, pickFiles: async () => null, download: () => {} },
      recent: { list: () => [], get: () => null, put: (name) => name },
    });
    try {
      await expect(api.datasets.importFile()).rejects.toThrow(
        'points-205mb.npz is 205 MB; browser mode accepts data files up to 100 MB.',
      );
      expect(readdirSync(small.uploadDir)).toEqual([]);
      expect(small.alive()).toBe(true);
    } finally {
      api.close();
      await picked.close();
      small.stop();
    }
  });
});
