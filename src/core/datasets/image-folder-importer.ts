import { readdir, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { basename, join } from 'node:path';
import type { DatasetRef } from '../../shared/training/dataset';
import { extensionOf, IMAGE_FILE_EXTENSIONS } from '../../shared/training/importers';
import { DatasetError } from './dataset-error';
import { MAX_DATA_FILE_BYTES, openDataFile, readExactly } from './file-guard';
import { buildImportedDataset } from './imported-dataset';
import { decodeImage, imageDimensions, imageToFeatures } from './image-decode';
import type { LoadedDataset } from './loaded-dataset';
import { arrayBytes, type MemoryBudget } from './memory-budget';

type FileRef = Extract<DatasetRef, { kind: 'file' }>;

const IMAGES = IMAGE_FILE_EXTENSIONS.map((extension) => `.${extension}`);

/** Bytes decoding one image takes at its peak: the decoder's buffers (about 8 per pixel) and our float plane. */
function decodeBytes(pixels: number, channels: number): number {
  return arrayBytes(pixels, 8 + 4 * channels);
}

/** A class folder's entry (links followed), or null when it vanished; the file itself is checked again once open. */
async function statOrNull(path: string): Promise<Stats | null> {
  try {
    return await stat(path);
  } catch {
    return null;
  }
}

/** An image file's bytes, read from the opened file once it is known to be a regular file. */
async function readImageFile(path: string): Promise<Buffer> {
  const { handle, size } = await openDataFile(path);
  try {
    const bytes = await readExactly(handle, path, 0, size);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  } finally {
    await handle.close();
  }
}

function positiveIntOption(ref: FileRef, key: string, fallback: number): number {
  const value = ref.options?.[key] ?? fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 512) {
    throw new DatasetError(
      `${ref.path}: option ${key} must be an integer from 1 to 512, got ${JSON.stringify(value)}.`,
      ref.path,
    );
  }
  return value;
}

/**
 * A folder with one sub-folder per class (sorted names = class names) of PNG/JPEG files (sorted by name). Each image
 * is resized to size×size (option size, default 36) by area averaging and kept as grayscale (default) or RGB
 * (option color: 'rgb'), scaled to [0, 1]. Transparent pixels are composited over white, as image viewers show them.
 * Hidden files (".DS_Store") are ignored; any other non-image file is an error.
 */
export async function importImageFolder(ref: FileRef, budget: MemoryBudget): Promise<LoadedDataset> {
  const root = ref.path;
  const size = positiveIntOption(ref, 'size', 36);
  const color = ref.options?.color ?? 'grayscale';
  if (color !== 'grayscale' && color !== 'rgb') {
    throw new DatasetError(`${root}: option color must be "grayscale" or "rgb", got ${JSON.stringify(color)}.`, root);
  }
  const channels = color === 'rgb' ? 3 : 1;
  const entries = (await readdir(root, { withFileTypes: true })).filter((e) => !e.name.startsWith('.'));
  const classNames = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  if (classNames.length === 0)
    throw new DatasetError(`${root}: empty folder (expected one sub-folder of images per class).`, root);

  const files: { path: string; label: number }[] = [];
  let totalBytes = 0;
  for (const [label, name] of classNames.entries()) {
    const dir = join(root, name);
    const names = (await readdir(dir)).filter((n) => !n.startsWith('.')).sort();
    if (names.length === 0) throw new DatasetError(`${dir}: class folder "${name}" has no images.`, dir);
    for (const n of names) {
      const path = join(dir, n);
      const info = await statOrNull(path);
      if (!info?.isFile() || !IMAGE_FILE_EXTENSIONS.includes(extensionOf(n))) {
        const allowed = `${IMAGES.slice(0, -1).join(', ')} and ${IMAGES.at(-1)}`;
        throw new DatasetError(`${path}: not an image (class folders may hold only ${allowed} files).`, path);
      }
      totalBytes += info.size;
      if (totalBytes > MAX_DATA_FILE_BYTES)
        throw new DatasetError(`${root}: the images exceed ${MAX_DATA_FILE_BYTES / 1024 ** 3} GiB in total.`, root);
      files.push({ path, label });
    }
  }

  const width = size * size * channels;
  budget.reserve(
    arrayBytes(files.length, 4 * width + 4),
    `${files.length.toLocaleString('en-US')} images of ${size}×${size}×${channels} float32 values`,
    root,
  );
  const x = new Float32Array(files.length * width);
  const labels = new Int32Array(files.length);
  for (const [i, { path, label }] of files.entries()) {
    const bytes = await readImageFile(path);
    // The decoded image is checked from its header's dimensions before it is decoded: a 484 KB PNG can say 20000×20000.
    const dimensions = imageDimensions(bytes);
    const transient = dimensions == null ? 0 : decodeBytes(dimensions.width * dimensions.height, channels);
    if (dimensions) {
      budget.reserve(transient, `decoding the ${dimensions.width}×${dimensions.height} image`, path);
    }
    const image = decodeImage(bytes, path);
    x.set(imageToFeatures(image, channels, size, size), i * width);
    labels[i] = label;
    budget.release(transient);
  }
  return buildImportedDataset({
    file: root,
    inputShape: [size, size, channels],
    classNames,
    train: { x, labels, count: files.length },
    valueRange: [0, 1],
    description: `Imported from the image folder ${basename(root)} (${files.length} images, ${size}×${size} ${color})`,
  });
}
