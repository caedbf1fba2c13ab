import { writeFileSync } from 'node:fs';
import zlib from 'node:zlib';
import { encodeZip } from './npy-writer';

/**
 * Hostile data files for the hardening tests, generated in seconds whatever size they claim: long runs of zeros are
 * deflated once in 16 MiB pieces (each ended by a full flush, so the pieces can be repeated), which is how a 2 MB
 * file inflates to gigabytes.
 */

const PIECE = 16 * 1024 * 1024;
const ZEROS = Buffer.alloc(PIECE);
const deflatedZeros = new Map<number, Buffer>();

function flushed(data: Uint8Array): Buffer {
  return zlib.deflateRawSync(data, { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
}

function zerosPiece(length: number): Buffer {
  let piece = deflatedZeros.get(length);
  if (!piece) deflatedZeros.set(length, (piece = flushed(ZEROS.subarray(0, length))));
  return piece;
}

/** `prefix` then `zeros` zero bytes as one raw deflate stream, and the CRC-32 of the whole. */
export function deflatedRun(prefix: Uint8Array, zeros: number): { packed: Buffer; crc: number; size: number } {
  const parts: Buffer[] = [flushed(prefix)];
  let crc = zlib.crc32(prefix);
  for (let left = zeros; left > 0; left -= PIECE) {
    const length = Math.min(PIECE, left);
    parts.push(zerosPiece(length));
    crc = zlib.crc32(ZEROS.subarray(0, length), crc);
  }
  parts.push(zlib.deflateRawSync(Buffer.alloc(0))); // the final, empty block
  return { packed: Buffer.concat(parts), crc, size: prefix.length + zeros };
}

function npyHeader(descr: string, shape: number[]): Uint8Array {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  header += ' '.repeat((64 - ((10 + header.length + 1) % 64)) % 64) + '\n';
  const bytes = new Uint8Array(10 + header.length);
  bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(bytes.buffer).setUint16(8, header.length, true);
  bytes.set(new TextEncoder().encode(header), 10);
  return bytes;
}

/** One deflated zip entry whose directory may lie about its size (`declaredSize`). */
interface RawEntry {
  name: string;
  packed: Uint8Array;
  crc: number;
  size: number;
  declaredSize?: number;
}

/** A zip (ZIP64 where sizes need it) of already-deflated entries. */
function writeRawZip(path: string, entries: RawEntry[]): void {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const size = entry.declaredSize ?? entry.size;
    const zip64 = size >= 0xffffffff || entry.packed.length >= 0xffffffff || offset >= 0xffffffff;
    const local = Buffer.alloc(30 + name.length);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(45, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(entry.crc >>> 0, 14);
    local.writeUInt32LE(Math.min(entry.packed.length, 0xffffffff), 18);
    local.writeUInt32LE(Math.min(size, 0xffffffff), 22);
    local.writeUInt16LE(name.length, 26);
    name.copy(local, 30);
    const extra = zip64 ? 28 : 0;
    const cd = Buffer.alloc(46 + name.length + extra);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(45, 4);
    cd.writeUInt16LE(45, 6);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(entry.crc >>> 0, 16);
    cd.writeUInt32LE(zip64 ? 0xffffffff : entry.packed.length, 20);
    cd.writeUInt32LE(zip64 ? 0xffffffff : size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt16LE(extra, 30);
    cd.writeUInt32LE(zip64 ? 0xffffffff : offset, 42);
    name.copy(cd, 46);
    if (zip64) {
      const e = 46 + name.length;
      cd.writeUInt16LE(0x0001, e);
      cd.writeUInt16LE(24, e + 2);
      cd.writeBigUInt64LE(BigInt(size), e + 4);
      cd.writeBigUInt64LE(BigInt(entry.packed.length), e + 12);
      cd.writeBigUInt64LE(BigInt(offset), e + 20);
    }
    chunks.push(local, Buffer.from(entry.packed));
    central.push(cd);
    offset += local.length + entry.packed.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  writeFileSync(path, Buffer.concat([...chunks, dir, end]));
}

/**
 * An .npz in the course's layout (arr_0 features, arr_1 labels) whose float32 features are all zeros and inflate to
 * `inflatedBytes` (2 GiB fits in a 2 MB file). `declaredBytes` makes the directory lie about arr_0's size.
 */
export function writeNpzBomb(
  path: string,
  options: { inflatedBytes: number; declaredBytes?: number; width?: number },
): void {
  const width = options.width ?? 1024;
  const rows = Math.floor(options.inflatedBytes / (4 * width));
  const features = deflatedRun(npyHeader('<f4', [rows, width]), rows * width * 4);
  const labels = deflatedRun(npyHeader('<i4', [rows]), rows * 4);
  writeRawZip(path, [
    { name: 'arr_0.npy', ...features, declaredSize: options.declaredBytes },
    { name: 'arr_1.npy', ...labels },
  ]);
}

/** A zip of class folders holding one image whose entry inflates to `inflatedBytes` of zeros. */
export function writeZipBomb(path: string, inflatedBytes: number): void {
  writeRawZip(path, [{ name: 'bomb/a/zeros.png', ...deflatedRun(new Uint8Array(0), inflatedBytes) }]);
}

function pngChunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), Buffer.from(data)])) >>> 0);
  return Buffer.concat([head, Buffer.from(data), crc]);
}

/**
 * A valid grayscale PNG of `width`×`height` black pixels: 20000×20000 is about 400 KB on disk and 1.6 GB once
 * decoded to RGBA.
 */
export function encodeHugePng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grayscale
  // Each row is a filter byte (0) and `width` zero pixels: all zeros, wrapped as a zlib stream.
  const { packed } = deflatedRun(new Uint8Array(0), height * (width + 1));
  const adler = adler32OfZeros(height * (width + 1));
  const idat = Buffer.concat([Buffer.from([0x78, 0x01]), packed, adler]);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', idat),
    pngChunk('IEND', new Uint8Array(0)),
  ]);
}

/** Adler-32 of `length` zero bytes: a stays 1, b grows by 1 per byte. */
function adler32OfZeros(length: number): Buffer {
  const b = length % 65521;
  const out = Buffer.alloc(4);
  out.writeUInt32BE(((b << 16) | 1) >>> 0);
  return out;
}

/** The minimal start of a baseline JPEG that claims `width`×`height` (enough for the header reader). */
export function jpegHeader(width: number, height: number): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  const sof = Buffer.from([
    0xff,
    0xc0,
    0x00,
    0x0b,
    8,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    1,
    1,
    0x11,
    0,
  ]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.from([0xff, 0xd9])]);
}

/** An ordinary zip of files (for image-folder uploads). */
export function writeZip(path: string, files: Record<string, Uint8Array>): void {
  writeFileSync(path, encodeZip(Object.entries(files).map(([name, data]) => ({ name, data, method: 8 as const }))));
}
