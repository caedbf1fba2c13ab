import { base64ByteLength, base64ToBytes } from '../../shared/base64';
import { formatShape } from '../../shared/layers/shape-math';
import { VIEW_LIMITS, type ImageUpload } from '../../shared/views/view-queries';
import { decodeImage, imageToFeatures } from '../datasets/image-decode';
import { EngineError } from '../engine/engine-error';

/**
 * An uploaded picture as the model's input: decoded, made grayscale or RGB and area-resized to the input's height and
 * width exactly as the image-folder importer does (image-decode.ts), optionally inverted (light ink on dark, like the
 * fonts set), in the data set's value range. Anything that cannot become such an input is refused with a message naming the file and the reason.
 */
export function imageSample(
  upload: ImageUpload,
  inputShape: number[],
  valueRange: readonly [number, number] = [0, 1],
): Float32Array {
  const name = upload.name;
  if (inputShape.length !== 3) {
    throw new EngineError(
      'bad-input',
      `${name}: this model takes ${formatShape(inputShape)}, not pictures (an image input is [height, width, channels]).`,
    );
  }
  const [height, width, channels] = inputShape;
  if (channels !== 1 && channels !== 3) {
    throw new EngineError(
      'bad-input',
      `${name}: the model's input has ${channels} channels, but a picture gives 1 (grayscale) or 3 (RGB).`,
    );
  }
  const bytes = base64ByteLength(upload.base64);
  if (bytes > VIEW_LIMITS.imageUploadBytes) {
    throw new EngineError(
      'bad-input',
      `${name}: the file is ${megabytes(bytes)}; pictures up to ${megabytes(VIEW_LIMITS.imageUploadBytes)} can be tried.`,
    );
  }
  let decoded;
  try {
    decoded = decodeImage(base64ToBytes(upload.base64), name, { maxPixels: VIEW_LIMITS.imagePixels });
  } catch (error) {
    throw new EngineError('bad-input', error instanceof Error ? error.message : String(error));
  }
  const features = imageToFeatures(decoded, channels, width, height);
  // The importer's [0, 1], then the data's own range (a set stored as 0..255 gets 0..255).
  const [low, high] = valueRange;
  for (let i = 0; i < features.length; i++) {
    const value = upload.invert ? 1 - features[i] : features[i];
    features[i] = low + value * (high - low);
  }
  return features;
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
