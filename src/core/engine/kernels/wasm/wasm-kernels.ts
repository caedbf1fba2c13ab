import { KERNELS_WASM_BASE64, KERNELS_WASM_MAXIMUM_PAGES } from './kernels-binary';
import { defaultThreadCount, ThreadPool } from './thread-pool';
import { WasmCapacityError, WasmHeap } from './wasm-heap';

export { WasmCapacityError };

/**
 * The WebAssembly kernels (sources in ./assembly) over one shared memory, with a pool of worker threads that
 * instantiate the same module over the same memory. The module holds no allocator and no static data: the memory
 * is laid out here by a {@link WasmHeap}. Kernel outputs stay in that memory as the tfjs tensors' values (views on
 * it, see resident-tensors.ts), so a kernel whose input another kernel made reads it in place; other inputs are
 * copied in for the call.
 */

/** A call larger than this many arithmetic operations is split over the threads; smaller ones run here. */
const DEFAULT_PARALLEL_MIN_WORK = 1.5e6;

/** Address 0 stays unused, so a forgotten pointer never reads real data. */
const HEAP_BASE = 1024;

type WasmFunction = (...args: number[]) => number | void;

export class WasmKernels {
  readonly functions: readonly string[];
  readonly heap: WasmHeap;
  private readonly exports: Record<string, WasmFunction>;
  /** Every buffer object the memory has had (a grown shared memory has a new one; views on old ones stay valid). */
  private readonly buffers = new WeakSet<ArrayBufferLike>();
  private heapF32: Float32Array;
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
    this.heap = new WasmHeap(memory, HEAP_BASE);
    this.heapF32 = new Float32Array(memory.buffer);
    this.buffers.add(memory.buffer);
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

  /**
   * Runs one kernel call: `body` gets a {@link KernelScope} to place inputs, scratch and outputs in the memory;
   * everything but the outputs tfjs took as tensor values is freed when it returns or throws.
   */
  scope<T>(body: (s: KernelScope) => T): T {
    const s = new KernelScope(this);
    try {
      return body(s);
    } finally {
      s.release();
    }
  }

  /** Whether `values` is a view on this memory. */
  holds(values: ArrayBufferView): boolean {
    return this.buffers.has(values.buffer);
  }

  /** Float32 view of the whole memory (renewed after the memory grows). */
  f32(): Float32Array {
    if (this.heapF32.buffer !== this.memory.buffer) {
      this.heapF32 = new Float32Array(this.memory.buffer);
      this.buffers.add(this.memory.buffer);
    }
    return this.heapF32;
  }

  /** A view of n floats at byte address `at`. */
  view(at: number, n: number): Float32Array {
    return new Float32Array(this.f32().buffer, at, n);
  }

  /** A view of n float64 values at byte address `at`. */
  f64(at: number, n: number): Float64Array {
    return new Float64Array(this.f32().buffer, at, n);
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

/**
 * Outputs a scope made that tfjs has not (yet) taken as a tensor's values: view → block address. The cpu
 * backend's write (resident-tensors.ts) takes a view out of here when it stores it.
 */
export const unclaimedOutputs = new WeakMap<Float32Array, number>();

/** The memory one kernel call uses: inputs placed in it, scratch, and outputs that become tensor values. */
export class KernelScope {
  private readonly blocks: number[] = [];
  private readonly outputs: Float32Array[] = [];

  constructor(readonly w: WasmKernels) {}

  /** The address of `values` in the memory: in place when it lives there already, else a copy for this call. */
  input(values: Float32Array): number {
    if (this.w.holds(values)) return values.byteOffset;
    const at = this.temp(values.length * 4);
    this.w.f32().set(values, at >> 2);
    return at;
  }

  /** `bytes` of uninitialised scratch for this call; returns its address. */
  temp(bytes: number): number {
    const at = this.w.heap.alloc(bytes);
    this.blocks.push(at);
    return at;
  }

  /** n zeroed floats of scratch; returns the address. */
  zeros(n: number): number {
    const at = this.temp(n * 4);
    this.w.f32().fill(0, at >> 2, (at >> 2) + n);
    return at;
  }

  /** n floats (uninitialised) for an output tensor's values: pass the view to makeTensorInfo. */
  output(n: number): Float32Array {
    const at = this.w.heap.alloc(n * 4);
    const view = this.w.view(at, n);
    unclaimedOutputs.set(view, at);
    this.outputs.push(view);
    return view;
  }

  /** Frees the scratch and every output tfjs did not take. */
  release(): void {
    for (const at of this.blocks) this.w.heap.free(at);
    for (const view of this.outputs) {
      const at = unclaimedOutputs.get(view);
      if (at == null) continue;
      unclaimedOutputs.delete(view);
      this.w.heap.free(at);
    }
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
