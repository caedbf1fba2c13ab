import { readFile } from 'node:fs/promises';
import { DatasetError } from './dataset-error';
import { decodeImageSet, type ImageSet } from './fonts-format';
import { resourcePath } from './resources-dir';

export const FONTS_DATASET_FILE = 'fonts-36.llds';

export function fontsDatasetPath(): string {
  return resourcePath('datasets', FONTS_DATASET_FILE);
}

let cached: Promise<ImageSet> | null = null;

/** Reads the shipped font images once per process; they are immutable, and the engine and preview both need them. */
export function readFontsImageSet(): Promise<ImageSet> {
  if (!cached) {
    const file = fontsDatasetPath();
    cached = readFile(file).then(
      (bytes) => decodeImageSet(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), file),
      (error: NodeJS.ErrnoException) => {
        throw new DatasetError(
          `The built-in fonts data set is missing (${file}: ${error.code ?? error.message}). Run scripts/generate-fonts-dataset.ts.`,
          file,
        );
      },
    );
    cached.catch(() => {
      cached = null;
    });
  }
  return cached;
}
