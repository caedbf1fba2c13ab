import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { DatasetError } from './dataset-error';
import { resizeArea } from './image-resize';

/** A decoded picture: RGBA, 8 bits per channel, row-major. */
export interface DecodedImage {
  width: number;
  height: number;
  rgba: Uint8Array;
}

export interface DecodeLimits {
  /** Largest width × height decoded; a larger picture is refused before its pixels are unpacked. */
  maxPixels?: number;
}

/** PNG or JPEG, by their first bytes. */
function imageType(bytes: Buffer): 'png' | 'jpeg' | null {
  if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0x89504e47) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  return null;
}

/**
 * Width and height from the image's header, read before decoding: PNG's IHDR chunk, JPEG's start-of-frame segment.
 * Null when the header can't be found (the decoder then reports the image as corrupt).
 */
export function imageDimensions(bytes: Uint8Array): { width: number; height: number } | null {
  const buffer = asBuffer(bytes);
  const type = imageType(buffer);
  if (type === 'png') {
    if (buffer.length < 24 || buffer.toString('latin1', 12, 16) !== 'IHDR') return null;
    return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) };
  }
  if (type !== 'jpeg') return null;
  let p = 2;
  while (p + 4 <= buffer.length) {
    if (buffer[p] !== 0xff) return null;
    const marker = buffer[p + 1];
    if (marker === 0xff) {
      p++; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      p += 2;
      continue;
    }
    const length = buffer.readUInt16BE(p + 2);
    const startOfFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (startOfFrame) {
      if (p + 9 > buffer.length) return null;
      return { height: buffer.readUInt16BE(p + 5), width: buffer.readUInt16BE(p + 7) };
    }
    if (marker === 0xd9 || marker === 0xda) return null; // end of image, start of scan: no frame header before them
    p += 2 + length;
  }
  return null;
}

/**
 * Decodes a PNG or JPEG file (recognised by its first bytes, not its name). Everything else, a corrupt file, or a
 * picture above `maxPixels`, is a DatasetError naming the file.
 */
export function decodeImage(bytes: Uint8Array, file: string, limits: DecodeLimits = {}): DecodedImage {
  const buffer = asBuffer(bytes);
  const type = imageType(buffer);
  const maxPixels = limits.maxPixels ?? Infinity;
  // The header gives the size, so a huge picture is refused before its pixels are unpacked.
  const dimensions = imageDimensions(buffer);
  if (dimensions) checkPixels(dimensions.width, dimensions.height, maxPixels, file);
  try {
    if (type === 'png') {
      const png = PNG.sync.read(buffer);
      return { width: png.width, height: png.height, rgba: png.data };
    }
    if (type === 'jpeg') {
      const image = jpeg.decode(buffer, {
        useTArray: true,
        formatAsRGBA: true,
        maxMemoryUsageInMB: 1024,
        ...(Number.isFinite(maxPixels) ? { maxResolutionInMP: maxPixels / 1e6 } : {}),
      });
      return { width: image.width, height: image.height, rgba: image.data };
    }
  } catch (error) {
    const message = (error as Error).message;
    if (/maxResolutionInMP/.test(message)) throw tooLarge(file, maxPixels);
    throw new DatasetError(`${file}: corrupt image (${message}).`, file);
  }
  throw new DatasetError(`${file}: not a PNG or JPEG image.`, file);
}

/**
 * The picture as the model's features: transparent pixels composited over white (as image viewers show them),
 * grayscale (ITU-R 601 luma) for 1 channel or RGB for 3, in [0, 1], then resized to width × height by area averaging.
 * The image-folder importer and the "Try it" upload both go through here, so a picture is seen the same way in both.
 */
export function imageToFeatures(image: DecodedImage, channels: 1 | 3, width: number, height: number): Float32Array {
  const plane = new Float32Array(image.width * image.height * channels);
  for (let p = 0; p < image.width * image.height; p++) {
    const alpha = image.rgba[4 * p + 3] / 255;
    const r = (image.rgba[4 * p] * alpha + 255 * (1 - alpha)) / 255;
    const g = (image.rgba[4 * p + 1] * alpha + 255 * (1 - alpha)) / 255;
    const b = (image.rgba[4 * p + 2] * alpha + 255 * (1 - alpha)) / 255;
    if (channels === 1) plane[p] = 0.299 * r + 0.587 * g + 0.114 * b;
    else plane.set([r, g, b], 3 * p);
  }
  return resizeArea(plane, image.width, image.height, channels, width, height);
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function checkPixels(width: number, height: number, maxPixels: number, file: string): void {
  if (width * height > maxPixels) throw tooLarge(file, maxPixels, `${width}×${height}`);
}

function tooLarge(file: string, maxPixels: number, size?: string): DatasetError {
  const side = Math.round(Math.sqrt(maxPixels));
  return new DatasetError(
    `${file}: the picture is too large${size ? ` (${size} pixels)` : ''}; at most ${side}×${side} pixels are read.`,
    file,
  );
}
