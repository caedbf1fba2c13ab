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

/**
 * Decodes a PNG or JPEG file (recognised by its first bytes, not its name). Everything else, a corrupt file, or a
 * picture above `maxPixels`, is a DatasetError naming the file.
 */
export function decodeImage(bytes: Uint8Array, file: string, limits: DecodeLimits = {}): DecodedImage {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const isPng = buffer.length >= 8 && buffer.readUInt32BE(0) === 0x89504e47;
  const isJpeg = buffer.length >= 3 && buffer[0] === 0xff && buffer[1] === 0xd8 && buffer[2] === 0xff;
  const maxPixels = limits.maxPixels ?? Infinity;
  if (isPng && buffer.length >= 24) {
    // IHDR comes first: width and height are bytes 16..23, so a huge picture is refused before inflating it.
    checkPixels(buffer.readUInt32BE(16), buffer.readUInt32BE(20), maxPixels, file);
  }
  try {
    if (isPng) {
      const png = PNG.sync.read(buffer);
      return { width: png.width, height: png.height, rgba: png.data };
    }
    if (isJpeg) {
      const image = jpeg.decode(buffer, {
        useTArray: true,
        formatAsRGBA: true,
        maxMemoryUsageInMB: 256,
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
