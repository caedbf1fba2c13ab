import { formatBytes, MEMORY_LIMIT_HINT, memoryLimitBytes } from '../../shared/training/memory-limit';
import { DatasetError } from './dataset-error';

/**
 * The memory one data-set load may allocate (see shared/training/memory-limit.ts). Importers reserve each big array
 * before allocating it, from sizes they know in advance (array headers, image dimensions, archive directories) or as
 * they grow (CSV rows), and release temporary buffers when done; going over the limit fails with a DatasetError
 * naming the size and the limit, before the allocation.
 */
export class MemoryBudget {
  private used = 0;

  constructor(readonly limitBytes: number) {}

  static fromMegabytes(maxMemoryMB: number | undefined): MemoryBudget {
    return new MemoryBudget(memoryLimitBytes(maxMemoryMB));
  }

  /** Bytes reserved and not yet released. */
  get reserved(): number {
    return this.used;
  }

  /** Fails, as `reserve` would, when `bytes` more would not fit; reserves nothing (a check before a long read). */
  check(bytes: number, what: string, file: string): void {
    this.reserve(bytes, what, file);
    this.release(bytes);
  }

  /** Reserves `bytes` for `what` (e.g. `array "arr_0" (60000 × 28 × 28 float32 values)`) of `file`, or throws. */
  reserve(bytes: number, what: string, file: string): void {
    const total = this.used + bytes;
    if (!(total <= this.limitBytes)) {
      // What was loaded before counts too; it is said when it makes a difference.
      const before = this.used >= total / 20 ? ' with what is already loaded' : '';
      throw new DatasetError(
        `${file}: ${what} would take ${formatBytes(total)} of memory${before}, more than the limit of ` +
          `${formatBytes(this.limitBytes)} (${MEMORY_LIMIT_HINT}).`,
        file,
      );
    }
    this.used += bytes;
  }

  release(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }
}

/** Bytes of a typed array of `count` elements of `bytesPerElement`; NaN-safe for sizes from hostile headers. */
export function arrayBytes(count: number, bytesPerElement: number): number {
  const bytes = count * bytesPerElement;
  return Number.isFinite(bytes) ? bytes : Infinity;
}
