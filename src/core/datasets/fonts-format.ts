import { deflateSync, inflateSync } from 'fflate';
import { DatasetError } from './dataset-error';

/**
 * The shipped image set: "LLDS" magic, uint32 LE format version, uint32 LE length of a JSON header, the header, then a
 * raw-deflate stream of count·height·width uint8 pixels (ink 255 on 0) followed by count uint8 labels.
 */
export interface ImageSetHeader {
  count: number;
  height: number;
  width: number;
  classNames: string[];
  /** Generator seed and settings, kept so the file documents how it was made. */
  generator: Record<string, number | string>;
}

export interface ImageSet {
  header: ImageSetHeader;
  pixels: Uint8Array;
  labels: Uint8Array;
}

const MAGIC = [0x4c, 0x4c, 0x44, 0x53];
const VERSION = 1;

export function encodeImageSet(set: ImageSet): Uint8Array {
  const { count, height, width } = set.header;
  if (set.pixels.length !== count * height * width || set.labels.length !== count) {
    throw new Error('encodeImageSet: pixel or label count does not match the header.');
  }
  const json = new TextEncoder().encode(JSON.stringify(set.header));
  const body = new Uint8Array(set.pixels.length + set.labels.length);
  body.set(set.pixels, 0);
  body.set(set.labels, set.pixels.length);
  const packed = deflateSync(body, { level: 9 });
  const out = new Uint8Array(12 + json.length + packed.length);
  out.set(MAGIC, 0);
  const view = new DataView(out.buffer);
  view.setUint32(4, VERSION, true);
  view.setUint32(8, json.length, true);
  out.set(json, 12);
  out.set(packed, 12 + json.length);
  return out;
}

export function decodeImageSet(bytes: Uint8Array, file: string): ImageSet {
  const bad = (why: string): DatasetError => new DatasetError(`${file}: not a LayerLab image set (${why}).`, file);
  if (bytes.length < 12 || MAGIC.some((b, i) => bytes[i] !== b)) throw bad('wrong magic bytes');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== VERSION) throw bad(`format version ${version}, expected ${VERSION}`);
  const jsonLength = view.getUint32(8, true);
  if (12 + jsonLength > bytes.length) throw bad('truncated header');
  let header: ImageSetHeader;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + jsonLength))) as ImageSetHeader;
  } catch {
    throw bad('header is not JSON');
  }
  const { count, height, width, classNames } = header;
  if (![count, height, width].every((n) => Number.isInteger(n) && n > 0) || !Array.isArray(classNames)) {
    throw bad('header lacks count, height, width or classNames');
  }
  const expected = count * height * width + count;
  let body: Uint8Array;
  try {
    body = inflateSync(bytes.subarray(12 + jsonLength), { out: new Uint8Array(expected) });
  } catch {
    throw bad('corrupt pixel data');
  }
  if (body.length !== expected) throw bad(`pixel data has ${body.length} bytes, header promises ${expected}`);
  const pixels = body.subarray(0, count * height * width);
  const labels = body.subarray(count * height * width);
  for (let i = 0; i < count; i++) {
    if (labels[i] >= classNames.length) throw bad(`label ${labels[i]} of image ${i} is out of range`);
  }
  return { header, pixels, labels };
}
