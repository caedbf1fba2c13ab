import type { CpuBackend } from './cpu-tensor';
import { unclaimedOutputs, wasmKernels, type WasmKernels } from './wasm/wasm-kernels';

/**
 * Tensors whose values live in the WebAssembly kernels' memory. A fast kernel's output is a view on that memory
 * (KernelScope.output), handed to tfjs as the tensor's values, so the next kernel reads it in place instead of
 * copying it in, and nothing is copied out: for the feed-forward net, copies in and out of wasm memory took as
 * much CPU time as the products themselves. The cpu backend is taught three things about such values:
 *
 * - write: it takes ownership of a kernel's output block. Any other view on the memory (a stock kernel's
 *   subarray of a resident input, say Slice) is copied to an ordinary array first, so no tensor ever shares a
 *   block it does not own.
 * - disposeData: the block is freed with the tensor's data.
 * - readSync (and so read, dataSync, data): callers get a copy, so arrays handed out of tfjs stay valid after the
 *   tensor is disposed and its memory reused (with stock tfjs they are the tensor's own array, never reused).
 * - dispose (tf.engine().reset(), tf.removeBackend): the blocks of the tensors it drops are freed too.
 *
 * Installed on a backend the first time a fast kernel runs on it, and kept: disposing resident tensors must free
 * their blocks even after the fast kernels are switched off.
 */

interface BackendInternals extends CpuBackend {
  write(values: unknown, shape: number[], dtype: string): object;
  disposeData(dataId: object, force?: boolean): boolean;
  readSync(dataId: object): unknown;
  dispose(): void;
  data: CpuBackend['data'] & { has(dataId: object): boolean };
}

const installed = new WeakSet<object>();

export function installResidentTensors(backend: CpuBackend, w: WasmKernels): void {
  if (installed.has(backend)) return;
  installed.add(backend);
  const b = backend as BackendInternals;
  /** Data ids of resident tensors → their block. */
  const owned = new Map<object, number>();
  const write = b.write.bind(b);
  const disposeData = b.disposeData.bind(b);
  const readSync = b.readSync.bind(b);
  const dispose = b.dispose.bind(b);

  b.write = (values, shape, dtype) => {
    if (!(values instanceof Float32Array) || !w.holds(values)) return write(values, shape, dtype);
    const block = unclaimedOutputs.get(values);
    if (block == null) return write(values.slice(), shape, dtype); // a view on someone else's block
    unclaimedOutputs.delete(values);
    const dataId = write(values, shape, dtype);
    owned.set(dataId, block);
    return dataId;
  };

  b.disposeData = (dataId, force) => {
    const released = disposeData(dataId, force);
    const block = owned.get(dataId);
    if (block != null && !b.data.has(dataId)) {
      owned.delete(dataId);
      w.heap.free(block);
    }
    return released;
  };

  b.readSync = (dataId) => {
    const values = readSync(dataId);
    return values instanceof Float32Array && w.holds(values) ? values.slice() : values;
  };

  b.dispose = () => {
    dispose();
    for (const block of owned.values()) w.heap.free(block);
    owned.clear();
  };
}

/**
 * The wasm kernels for a kernel call on `backend`, with the backend taught about resident values (always go
 * through here: an output view stored by a backend that does not own it would be freed under the tensor); null
 * where WebAssembly SIMD or threads are missing.
 */
export function kernelsFor(backend: CpuBackend): WasmKernels | null {
  const w = wasmKernels();
  if (w != null) installResidentTensors(backend, w);
  return w;
}
