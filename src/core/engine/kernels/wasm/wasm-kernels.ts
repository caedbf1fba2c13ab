import { KERNELS_WASM_BASE64, KERNELS_WASM_MAXIMUM_PAGES } from './kernels-binary';
import { defaultThreadCount, ThreadPool } from './thread-pool';

/**
 * The WebAssembly kernels (sources in ./assembly) over one shared memory, with a pool of worker threads that
 * instantiate the same module over the same memory. The module holds no allocator and no static data: memory is
 * laid out here, one bump arena reset per kernel call (tfjs kernels run synchronously and never nest), so
 * workers and the main thread can share it. Inputs are copied in, outputs copied out to ordinary Float32Arrays
 * that tfjs owns.
 */

/** A call larger than this many arithmetic operations is split over the threads; smaller ones run here. */
const DEFAULT_PARALLEL_MIN_WORK = 1.5e6;

const PAGE_BYTES = 65536;
/** Address 0 stays unused, so a forgotten pointer never reads real data. */
const HEAP_BASE = 1024;
const ALIGN = 64;

/** The arena would need more than the module's maximum memory: the caller falls back to the stock kernel. */
export class WasmCapacityError extends Error {
  constructor(bytes: number) {
    super(`WebAssembly kernels need ${bytes} bytes of memory, more than their maximum`);
  }
}

type WasmFunction = (...args: number[]) => number | void;

export class WasmKernels {
  readonly functions: readonly string[];
  private readonly exports: Record<string, WasmFunction>;
  private heap: Float32Array;
  private top = HEAP_BASE;
  private pool: ThreadPool | null = null;
  private parallelMinWork = DEFAULT_PARALLEL_MIN_WORK;
  private threadCount = defaultThreadCount();

  constructor(
    private readonly module: WebAssembly.Module,
    private readonly memory: WebAssembly.Memory,
  ) {
    const instance = new WebAssembly.Instance(module, { env: { memory } });
    this.exports = instance.exports as unknown as Record<string, WasmFunction>;
    this.functions = WebAssembly.Module.exports(module)
      .filter((e) => e.kind === 'function')
      .map((e) => e.name);
    this.heap = new Float32Array(memory.buffer);
  }

  get threads(): number {
    return this.threadCount;
  }

  /**
   * Thread count and the size from which calls go parallel (tests force the threaded path on small shapes);
   * `{}` restores the defaults.
   */
  configure(options: { threads?: number; parallelMinWork?: number }): void {
    if (options.threads == null && options.parallelMinWork == null) {
      options = { threads: defaultThreadCount(), parallelMinWork: DEFAULT_PARALLEL_MIN_WORK };
    }
    if (options.threads != null && options.threads !== this.threadCount) {
      void this.pool?.close();
      this.pool = null;
      this.threadCount = Math.max(1, options.threads);
    }
    if (options.parallelMinWork != null) this.parallelMinWork = options.parallelMinWork;
  }

  /** Starts a kernel call: forgets every allocation of the previous call. */
  begin(): void {
    this.top = HEAP_BASE;
  }

  /** `bytes` of uninitialised memory, 64-byte aligned; returns the byte address. */
  alloc(bytes: number): number {
    const at = this.top;
    const end = at + Math.ceil(bytes / ALIGN) * ALIGN;
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      try {
        this.memory.grow(Math.ceil((end - have) / PAGE_BYTES));
      } catch {
        throw new WasmCapacityError(end);
      }
    }
    this.top = end;
    return at;
  }

  /** Float32 view of the whole memory (renewed after the memory grows). */
  f32(): Float32Array {
    if (this.heap.buffer.byteLength !== this.memory.buffer.byteLength) this.heap = new Float32Array(this.memory.buffer);
    return this.heap;
  }

  /** Copies `values` into fresh arena memory; returns the byte address. */
  write(values: Float32Array): number {
    const at = this.alloc(values.length * 4);
    this.f32().set(values, at >> 2);
    return at;
  }

  /** A zero-filled float32 block; returns the byte address. */
  zeros(n: number): number {
    const at = this.alloc(n * 4);
    this.f32().fill(0, at >> 2, (at >> 2) + n);
    return at;
  }

  /** Copies n floats at byte address `at` out into a new array. */
  read(at: number, n: number): Float32Array {
    return this.f32().slice(at >> 2, (at >> 2) + n);
  }

  /** Calls an export once, on this thread (no part/parts arguments). */
  call(name: string, ...args: number[]): number {
    return this.exports[name](...args) as number;
  }

  /**
   * Runs a partitioned export `name(...args, part, parts)` over the threads when `work` (arithmetic operations)
   * is worth it, else as a single part here.
   */
  run(name: string, args: readonly number[], work: number): void {
    const fn = this.exports[name];
    if (this.threadCount <= 1 || work < this.parallelMinWork) {
      fn(...args, 0, 1);
      return;
    }
    this.pool ??= new ThreadPool(this.module, this.memory, this.functions, this.threadCount);
    this.pool.run(this.functions.indexOf(name), fn as (...a: number[]) => void, args, this.threadCount);
  }

  /** The parts a call of this size is split into (kernels size per-part scratch with it). */
  partsFor(work: number): number {
    return this.threadCount <= 1 || work < this.parallelMinWork ? 1 : this.threadCount;
  }
}

let kernels: WasmKernels | null | undefined;

/**
 * The kernels, compiled on first use; null where this runtime lacks WebAssembly SIMD, threads or
 * SharedArrayBuffer (every fast kernel then hands its call to the stock kernel).
 */
export function wasmKernels(): WasmKernels | null {
  if (kernels !== undefined) return kernels;
  try {
    const bytes = Buffer.from(KERNELS_WASM_BASE64, 'base64');
    const module = new WebAssembly.Module(bytes);
    const memoryImport = WebAssembly.Module.imports(module).find((i) => i.kind === 'memory');
    if (memoryImport == null) throw new Error('kernels module imports no memory');
    const memory = new WebAssembly.Memory({ initial: 1, maximum: KERNELS_WASM_MAXIMUM_PAGES, shared: true });
    kernels = new WasmKernels(module, memory);
  } catch {
    kernels = null;
  }
  return kernels;
}
