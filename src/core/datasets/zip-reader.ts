import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { DatasetError } from './dataset-error';

/**
 * Just enough of ZIP (and ZIP64) to read .npz archives and zipped image folders: the central directory is found from
 * the end, and an entry's bytes are read only when asked for, streamed and inflated piece by piece
 * (`zipEntryChunks`), so a big archive with one small array doesn't get loaded whole and an entry that inflates
 * beyond its declared size (a decompression bomb) is cut off there.
 */
export interface RandomAccess {
  size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflated. */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  crc32: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_COMMENT = 0xffff;
/** Largest entry `readZipEntry` inflates into one buffer: a lying or hostile size must not make us allocate gigabytes. */
const MAX_ENTRY_BYTES = 2 * 1024 ** 3;
/** Most entries a directory may list: an .npz holds a few arrays, an image folder thousands of images. */
export const MAX_ZIP_ENTRIES = 200_000;
/** Compressed bytes read from the file at a time; at deflate's best ratio (1:1032) about 64 MiB once inflated. */
const PACKED_CHUNK_BYTES = 64 * 1024;

function u64(view: DataView, offset: number): number {
  return Number(view.getBigUint64(offset, true));
}

export async function readZipDirectory(source: RandomAccess, file: string): Promise<ZipEntry[]> {
  const fail = (why: string): DatasetError =>
    new DatasetError(`${file}: not a valid .npz (zip) archive: ${why}.`, file);
  const tailLength = Math.min(source.size, 22 + MAX_COMMENT + 20);
  if (source.size < 22) throw fail('file too short');
  const tailStart = source.size - tailLength;
  const tail = await source.read(tailStart, tailLength);
  const tv = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tv.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw fail('end-of-directory record not found (truncated?)');
  let entryCount = tv.getUint16(eocd + 10, true);
  let dirSize = tv.getUint32(eocd + 12, true);
  let dirOffset = tv.getUint32(eocd + 16, true);
  if (entryCount === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || tv.getUint32(locator, true) !== EOCD64_LOCATOR) throw fail('ZIP64 locator missing');
    const eocd64Offset = u64(tv, locator + 8);
    if (eocd64Offset + 56 > source.size) throw fail('ZIP64 end record lies outside the file');
    const rec = await source.read(eocd64Offset, 56);
    const rv = new DataView(rec.buffer, rec.byteOffset, rec.byteLength);
    if (rv.getUint32(0, true) !== EOCD64) throw fail('ZIP64 end record is corrupt');
    entryCount = u64(rv, 32);
    dirSize = u64(rv, 40);
    dirOffset = u64(rv, 48);
  }
  if (entryCount > MAX_ZIP_ENTRIES)
    throw fail(`its directory lists ${entryCount} entries (at most ${MAX_ZIP_ENTRIES})`);
  if (dirOffset + dirSize > source.size) throw fail('central directory lies outside the file (truncated?)');
  const dir = await source.read(dirOffset, dirSize);
  const dv = new DataView(dir.buffer, dir.byteOffset, dir.byteLength);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let n = 0; n < entryCount; n++) {
    if (p + 46 > dir.length || dv.getUint32(p, true) !== CENTRAL) throw fail(`central directory entry ${n} is corrupt`);
    const method = dv.getUint16(p + 10, true);
    const crc32 = dv.getUint32(p + 16, true);
    let compressedSize = dv.getUint32(p + 20, true);
    let uncompressedSize = dv.getUint32(p + 24, true);
    const nameLength = dv.getUint16(p + 28, true);
    const extraLength = dv.getUint16(p + 30, true);
    const commentLength = dv.getUint16(p + 32, true);
    let localHeaderOffset = dv.getUint32(p + 42, true);
    if (p + 46 + nameLength + extraLength > dir.length) throw fail(`central directory entry ${n} is truncated`);
    const name = new TextDecoder().decode(dir.subarray(p + 46, p + 46 + nameLength));
    // ZIP64 extra field: the 64-bit values appear only for the fields saturated at 0xFFFFFFFF, in this order.
    let e = p + 46 + nameLength;
    const extraEnd = e + extraLength;
    while (e + 4 <= extraEnd) {
      const id = dv.getUint16(e, true);
      const size = dv.getUint16(e + 2, true);
      if (id === 0x0001) {
        let q = e + 4;
        if (uncompressedSize === 0xffffffff) {
          uncompressedSize = u64(dv, q);
          q += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(dv, q);
          q += 8;
        }
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = u64(dv, q);
      }
      e += 4 + size;
    }
    entries.push({ name, method, compressedSize, uncompressedSize, crc32, localHeaderOffset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The standard CRC-32 of zip archives. */
export function crc32(bytes: Uint8Array): number {
  return zlib.crc32(bytes);
}

/**
 * One entry's bytes as they inflate, in pieces, checked against the directory: more bytes than its declared size stop
 * the inflation at once, fewer or a CRC mismatch fail at the end. Stored and deflated entries only.
 */
export async function* zipEntryChunks(source: RandomAccess, entry: ZipEntry, file: string): AsyncGenerator<Uint8Array> {
  const fail = (why: string): DatasetError => new DatasetError(`${file}: entry "${entry.name}" ${why}.`, file);
  if (entry.localHeaderOffset + 30 > source.size) throw fail('lies outside the file (truncated archive?)');
  const local = await source.read(entry.localHeaderOffset, 30);
  const lv = new DataView(local.buffer, local.byteOffset, local.byteLength);
  if (lv.getUint32(0, true) !== LOCAL) throw fail('has a corrupt local header');
  const start = entry.localHeaderOffset + 30 + lv.getUint16(26, true) + lv.getUint16(28, true);
  if (start + entry.compressedSize > source.size) throw fail('is truncated');
  if (entry.method !== 0 && entry.method !== 8)
    throw fail(`uses compression method ${entry.method} (only stored and deflated are supported)`);

  let produced = 0;
  let crc = 0;
  const count = (chunk: Uint8Array) => {
    produced += chunk.length;
    if (produced > entry.uncompressedSize) {
      throw fail(
        `inflates to more than the ${entry.uncompressedSize} bytes the archive's directory declares (a corrupt or hostile archive)`,
      );
    }
    crc = zlib.crc32(chunk, crc);
  };
  const packed = readRange(source, start, entry.compressedSize);
  if (entry.method === 0) {
    for await (const chunk of packed) {
      count(chunk);
      yield chunk;
    }
  } else {
    const input = Readable.from(packed, { objectMode: false });
    const inflater = zlib.createInflateRaw();
    input.on('error', (error) => inflater.destroy(error));
    input.pipe(inflater);
    try {
      for await (const chunk of inflater as AsyncIterable<Buffer>) {
        count(chunk);
        yield chunk;
      }
    } catch (error) {
      if (error instanceof DatasetError) throw error;
      throw fail(`cannot be inflated (${(error as Error).message})`);
    } finally {
      input.destroy();
      inflater.destroy();
    }
  }
  if (produced !== entry.uncompressedSize)
    throw fail(`has ${produced} bytes, the directory says ${entry.uncompressedSize}`);
  if (crc !== entry.crc32) throw fail('is corrupt (CRC mismatch)');
}

async function* readRange(source: RandomAccess, start: number, length: number): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < length; offset += PACKED_CHUNK_BYTES)
    yield await source.read(start + offset, Math.min(PACKED_CHUNK_BYTES, length - offset));
}

/** Reads, inflates and CRC-checks one entry into one buffer (small entries; big ones are streamed with zipEntryChunks). */
export async function readZipEntry(source: RandomAccess, entry: ZipEntry, file: string): Promise<Uint8Array> {
  if (entry.uncompressedSize > MAX_ENTRY_BYTES) {
    throw new DatasetError(
      `${file}: entry "${entry.name}" would inflate to ${(entry.uncompressedSize / 1024 ** 3).toFixed(2)} GiB, more than the ${MAX_ENTRY_BYTES / 1024 ** 3} GiB limit.`,
      file,
    );
  }
  const bytes = new Uint8Array(entry.uncompressedSize);
  let filled = 0;
  for await (const chunk of zipEntryChunks(source, entry, file)) {
    bytes.set(chunk, filled);
    filled += chunk.length;
  }
  return bytes;
}
