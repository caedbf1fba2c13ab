/**
 * How much memory a data set may take once decoded: the budget every importer checks before it allocates, so a
 * decompression bomb or a huge file is refused with a message instead of exhausting the machine. It counts the
 * arrays a load builds (features as float32, labels, temporary decode buffers); the process peaks at about twice it
 * while training (the train/validation copies).
 */

/** The default: 1 GiB, i.e. 268 million float32 values (the fonts set needs 14 MB). */
export const DEFAULT_MAX_MEMORY_MB = 1024;
/** Smallest limit accepted: below this not even the built-in sets load. */
export const MIN_MAX_MEMORY_MB = 16;
/** Largest limit accepted (64 GiB). */
export const MAX_MAX_MEMORY_MB = 65_536;

export const MEBIBYTE = 1024 * 1024;

/** The limit in bytes for a setting in MB (the default when unset). */
export function memoryLimitBytes(maxMemoryMB: number | undefined): number {
  return (maxMemoryMB ?? DEFAULT_MAX_MEMORY_MB) * MEBIBYTE;
}

/** Where a user raises the limit, for messages. */
export const MEMORY_LIMIT_HINT = 'raise it with --max-memory MB, or "Memory limit (MB)" in the training settings';

/** Bytes for people: 930 bytes, 12.5 KiB, 512 MiB, 2.0 GiB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}
