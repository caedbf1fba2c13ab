import type { DataType, TensorInfo } from '@tensorflow/tfjs';

/**
 * The slice of tfjs's `MathBackendCPU` the fast kernels use. Typed locally so the kernels never import
 * @tensorflow/tfjs-backend-cpu at runtime (importing it twice would register the backend twice).
 */
export interface CpuBackend {
  data: { get(dataId: object): { values?: unknown } };
  makeTensorInfo(shape: number[], dtype: DataType, values?: Float32Array | Int32Array | Uint8Array): TensorInfo;
  /** How many tensors share this data. */
  refCount(dataId: object): number;
  /** One more tensor shares this data (how stock Identity returns its input). */
  incRef(dataId: object): void;
  /** Frees an intermediate a kernel made and does not return. */
  disposeIntermediateTensorInfo(info: TensorInfo): void;
}

/** What tfjs hands a kernel function. */
export interface KernelArgs {
  inputs: Record<string, TensorInfo | undefined>;
  backend: CpuBackend;
  attrs?: Record<string, unknown>;
}

/**
 * A fast kernel: returns its result, or `null` when the call is outside what it implements (dtype, layout,
 * dilations...), in which case the registry runs the stock kernel instead.
 */
export type FastKernelFunc = (args: KernelArgs) => TensorInfo | null;

/** The flat values of a float32 tensor, or `null` for any other dtype (complex, int, string...). */
export function float32Values(backend: CpuBackend, t: TensorInfo | undefined): Float32Array | null {
  if (t == null || t.dtype !== 'float32') return null;
  const values = backend.data.get(t.dataId).values;
  return values instanceof Float32Array ? values : null;
}

export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Copies doubles into a new float32 array: kernels that accumulate in float64 round once, like stock. */
export function toFloat32(values: Float64Array): Float32Array {
  const out = allocFloat32(values.length);
  out.set(values); // converts in bulk; Float32Array.from would go through the iterator
  return out;
}

/**
 * The one place kernels allocate float32 outputs they write in full. At training sizes (a 1296×128 weight is
 * 664 KB) the cost is not the allocation but first-touching fresh pages: glibc serves such blocks with mmap
 * and unmaps them on free, and filling one measured ~3 ms on the (loaded) build machine vs 0.15 ms with
 * MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=1073741824 in the process environment. Uninitialised
 * memory (Buffer.allocUnsafeSlow) measured no faster once written, so outputs stay ordinary zeroed arrays.
 */
export function allocFloat32(n: number): Float32Array {
  return new Float32Array(n);
}

/** A zero-filled float32 array, for outputs that are accumulated into. */
export function zeroedFloat32(n: number): Float32Array {
  return new Float32Array(n);
}

let scratch = new Float64Array(0);

/**
 * A zero-filled float64 work array of length n, reused across calls: kernels that accumulate in float64
 * would otherwise allocate megabytes per call, and V8 answers that external-memory churn with full GCs.
 * Valid until the next call (kernels run synchronously and never nest).
 */
export function scratchFloat64(n: number): Float64Array {
  if (scratch.length < n) scratch = new Float64Array(Math.max(n, scratch.length * 2));
  const view = scratch.subarray(0, n);
  view.fill(0);
  return view;
}
