import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HEAP_ALIGN, WasmCapacityError, WasmHeap } from './wasm-heap';

const BASE = 1024;
const PAGE = 65536;

function heapOf(maximumPages = 64): { heap: WasmHeap; memory: WebAssembly.Memory } {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: maximumPages, shared: true });
  return { heap: new WasmHeap(memory, BASE), memory };
}

/** Live blocks never overlap, are aligned, lie inside the memory and above the base. */
function expectDisjoint(blocks: Map<number, number>, heap: WasmHeap, memory: WebAssembly.Memory): void {
  const sorted = [...blocks].sort((a, b) => a[0] - b[0]);
  let end = BASE;
  for (const [at, bytes] of sorted) {
    expect(at % HEAP_ALIGN).toBe(0);
    expect(at).toBeGreaterThanOrEqual(end);
    expect(heap.sizeOf(at)).toBeGreaterThanOrEqual(bytes);
    end = at + heap.sizeOf(at)!;
  }
  expect(end).toBeLessThanOrEqual(memory.buffer.byteLength);
  expect(end).toBeLessThanOrEqual(heap.stats().top);
}

describe('the wasm heap', () => {
  it('keeps blocks disjoint over any sequence of allocations and releases, and empties completely', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 70_000 }), fc.constant(-1)), { minLength: 1, maxLength: 120 }),
        fc.integer({ min: 0, max: 1000 }),
        (ops, seed) => {
          const { heap, memory } = heapOf();
          const live = new Map<number, number>();
          let s = seed;
          for (const op of ops) {
            if (op < 0 && live.size > 0) {
              // free a pseudo-random live block
              s = (s * 1103515245 + 12345) >>> 0;
              const at = [...live.keys()][s % live.size];
              heap.free(at);
              live.delete(at);
            } else if (op >= 0) {
              live.set(heap.alloc(op), op);
            }
            expectDisjoint(live, heap, memory);
          }
          for (const at of live.keys()) heap.free(at);
          expect(heap.stats()).toEqual({ usedBytes: 0, freeBytes: 0, top: BASE, blocks: 0 });
        },
      ),
      { seed: 13, numRuns: 150 },
    );
  });

  it('stays within a bound when the same pattern of sizes repeats (as in training steps), and empties', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 200_000 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 12 }),
        (sizes, keep) => {
          const { heap } = heapOf(256);
          // each step allocates `sizes` in order, frees them in an order that differs from it, and keeps some
          // blocks alive into the next step (like a step's outputs that survive until the next one's update)
          let carried: number[] = [];
          let peak = 0;
          for (let step = 0; step < 100; step++) {
            const blocks = sizes.map((n) => heap.alloc(n));
            for (const at of carried) heap.free(at);
            carried = blocks.filter((_, i) => keep[i % keep.length] % 3 === 0);
            for (const at of blocks) if (!carried.includes(at)) heap.free(at);
            peak = Math.max(peak, heap.stats().top - BASE);
          }
          // at most one step's blocks and the previous step's carried ones are alive at once: fragmentation may
          // add to that, but not step after step
          const stepBytes = sizes.reduce((sum, n) => sum + Math.ceil(n / HEAP_ALIGN) * HEAP_ALIGN, 0);
          expect(peak).toBeLessThanOrEqual(3 * stepBytes);
          for (const at of carried) heap.free(at);
          expect(heap.stats()).toEqual({ usedBytes: 0, freeBytes: 0, top: BASE, blocks: 0 });
        },
      ),
      { seed: 14, numRuns: 60 },
    );
  });

  it('reuses a freed block of the same size, and merges freed neighbours', () => {
    const { heap } = heapOf();
    const a = heap.alloc(1000);
    const b = heap.alloc(1000);
    const c = heap.alloc(1000);
    heap.free(b);
    expect(heap.alloc(1000)).toBe(b);
    heap.free(a);
    heap.free(b); // merges with a's block
    expect(heap.stats().freeBytes).toBe(2 * 1024);
    expect(heap.alloc(2048)).toBe(a);
    heap.free(a);
    heap.free(c); // the top block: the top comes down past the merged free space
    expect(heap.stats()).toEqual({ usedBytes: 0, freeBytes: 0, top: BASE, blocks: 0 });
  });

  it('grows the memory as needed and refuses more than its maximum with WasmCapacityError', () => {
    const { heap, memory } = heapOf(4);
    const big = heap.alloc(3 * PAGE);
    expect(memory.buffer.byteLength).toBeGreaterThanOrEqual(big + 3 * PAGE);
    expect(() => heap.alloc(2 * PAGE)).toThrow(WasmCapacityError);
    heap.free(big);
    expect(heap.alloc(3 * PAGE)).toBe(big); // nothing leaked by the refusal
  });

  it('rejects freeing an address it did not hand out', () => {
    const { heap } = heapOf();
    const a = heap.alloc(100);
    expect(() => heap.free(a + 64)).toThrow(/not an allocated block/);
    heap.free(a);
    expect(() => heap.free(a)).toThrow(/not an allocated block/);
  });
});
