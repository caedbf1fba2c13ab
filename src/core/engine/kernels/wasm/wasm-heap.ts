/**
 * The allocator of the kernels' shared WebAssembly memory: blocks of 64-byte multiples (so SIMD loads past the end
 * of a ragged row stay inside the block), best fit among the free blocks, split on allocation, merged with free
 * neighbours on release, and a top that grows the memory when no free block fits (and comes down again when the
 * last block is freed). Bookkeeping lives here in JS, not in the memory, so worker threads never touch it.
 *
 * Training allocates the same sizes every step, so after the first steps every request is met by a free block of
 * exactly its size and the memory stops growing: its peak is the largest set of tensors and scratch alive at
 * once, plus what fragmentation leaves.
 */

export const HEAP_ALIGN = 64;
const PAGE_BYTES = 65536;

/** The heap would need more than the memory's maximum: callers fall back to the stock kernels. */
export class WasmCapacityError extends Error {
  constructor(bytes: number) {
    super(`WebAssembly kernels need ${bytes} bytes of memory, more than their maximum`);
  }
}

export class WasmHeap {
  /** Allocated blocks: start → size. */
  private readonly used = new Map<number, number>();
  /** Free blocks: start → size, and end → start (to merge with the block before). */
  private readonly freeAt = new Map<number, number>();
  private readonly freeEnd = new Map<number, number>();
  /** Free blocks by size (sizes kept sorted for best fit). */
  private readonly bySize = new Map<number, Set<number>>();
  private sizes: number[] = [];
  private top: number;

  /** `base`: the first address the heap may hand out (the memory below it stays unused). */
  constructor(
    private readonly memory: WebAssembly.Memory,
    private readonly base: number,
  ) {
    this.top = base;
  }

  /** A block of at least `bytes` (uninitialised, 64-byte aligned); returns its address. */
  alloc(bytes: number): number {
    const size = Math.max(HEAP_ALIGN, Math.ceil(bytes / HEAP_ALIGN) * HEAP_ALIGN);
    const fit = this.bestFit(size);
    if (fit != null) {
      const have = this.freeAt.get(fit)!;
      this.unlinkFree(fit, have);
      if (have > size) this.linkFree(fit + size, have - size);
      this.used.set(fit, size);
      return fit;
    }
    const at = this.top;
    const end = at + size;
    const capacity = this.memory.buffer.byteLength;
    if (end > capacity) {
      try {
        this.memory.grow(Math.ceil((end - capacity) / PAGE_BYTES));
      } catch {
        throw new WasmCapacityError(end);
      }
    }
    this.top = end;
    this.used.set(at, size);
    return at;
  }

  /** Releases a block from {@link alloc}. */
  free(at: number): void {
    let size = this.used.get(at);
    if (size == null) throw new Error(`wasm heap: ${at} is not an allocated block`);
    this.used.delete(at);
    let start = at;
    const before = this.freeEnd.get(start);
    if (before != null) {
      const beforeSize = this.freeAt.get(before)!;
      this.unlinkFree(before, beforeSize);
      start = before;
      size += beforeSize;
    }
    const afterSize = this.freeAt.get(start + size);
    if (afterSize != null) {
      this.unlinkFree(start + size, afterSize);
      size += afterSize;
    }
    if (start + size === this.top) this.top = start;
    else this.linkFree(start, size);
  }

  /** The size of an allocated block, or undefined. */
  sizeOf(at: number): number | undefined {
    return this.used.get(at);
  }

  /** Bytes in allocated blocks, in free blocks below the top, and the top (for tests and memory reports). */
  stats(): { usedBytes: number; freeBytes: number; top: number; blocks: number } {
    let usedBytes = 0;
    for (const size of this.used.values()) usedBytes += size;
    let freeBytes = 0;
    for (const size of this.freeAt.values()) freeBytes += size;
    return { usedBytes, freeBytes, top: this.top, blocks: this.used.size };
  }

  private bestFit(size: number): number | null {
    const exact = this.bySize.get(size);
    if (exact != null) return exact.values().next().value!;
    let lo = 0;
    let hi = this.sizes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sizes[mid] < size) lo = mid + 1;
      else hi = mid;
    }
    if (lo === this.sizes.length) return null;
    return this.bySize.get(this.sizes[lo])!.values().next().value!;
  }

  private linkFree(at: number, size: number): void {
    this.freeAt.set(at, size);
    this.freeEnd.set(at + size, at);
    let set = this.bySize.get(size);
    if (set == null) {
      set = new Set();
      this.bySize.set(size, set);
      this.sizes.splice(this.insertionIndex(size), 0, size);
    }
    set.add(at);
  }

  private unlinkFree(at: number, size: number): void {
    this.freeAt.delete(at);
    this.freeEnd.delete(at + size);
    const set = this.bySize.get(size)!;
    set.delete(at);
    if (set.size === 0) {
      this.bySize.delete(size);
      this.sizes.splice(this.insertionIndex(size), 1);
    }
  }

  private insertionIndex(size: number): number {
    let lo = 0;
    let hi = this.sizes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sizes[mid] < size) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The first address the heap hands out. */
  get start(): number {
    return this.base;
  }
}
