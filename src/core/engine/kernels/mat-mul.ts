import type { TensorInfo } from '@tensorflow/tfjs';
import { float32Values, sizeOf, type CpuBackend, type KernelArgs } from './cpu-tensor';
import { gemm, rowMajor, transposedOf } from './wasm/wasm-ops';
import { wasmKernels } from './wasm/wasm-kernels';

interface MatMulResult {
  shape: number[];
  values: Float32Array;
  /** Columns of each output matrix (the size of a per-column bias). */
  cols: number;
}

/** The batched product with tfjs's broadcasting of leading dims (batch index modulo each side's batch). */
function batchMatMulValues(
  backend: CpuBackend,
  a: TensorInfo,
  b: TensorInfo,
  transposeA: boolean,
  transposeB: boolean,
): MatMulResult | null {
  const av = float32Values(backend, a);
  const bv = float32Values(backend, b);
  if (av == null || bv == null || a.shape.length < 2 || b.shape.length < 2) return null;
  const aRank = a.shape.length;
  const bRank = b.shape.length;
  const aRows = a.shape[aRank - 2];
  const aCols = a.shape[aRank - 1];
  const bRows = b.shape[bRank - 2];
  const bCols = b.shape[bRank - 1];
  const M = transposeA ? aCols : aRows;
  const K = transposeA ? aRows : aCols;
  const N = transposeB ? bRows : bCols;
  if ((transposeB ? bCols : bRows) !== K) return null; // let stock raise its descriptive shape error
  const outerA = a.shape.slice(0, -2);
  const outerB = b.shape.slice(0, -2);
  const outer = broadcastOuter(outerA, outerB);
  if (outer == null) return null;
  const batchA = sizeOf(outerA);
  const batchB = sizeOf(outerB);
  const batch = Math.max(batchA, batchB);
  const w = wasmKernels();
  if (w == null) return null;
  w.begin();
  const aAt = w.write(av);
  const bAt = w.write(bv);
  const cAt = w.alloc(batch * M * N * 4);
  for (let bi = 0; bi < batch; bi++) {
    const a0 = aAt + (bi % batchA) * M * K * 4;
    const b0 = bAt + (bi % batchB) * K * N * 4;
    // a is [M×K] or, transposed, [K×M]; b is [K×N] or [N×K]: both read in place
    const A = transposeA ? transposedOf(a0, M) : rowMajor(a0, K);
    const B = transposeB ? transposedOf(b0, K) : rowMajor(b0, N);
    gemm(w, M, N, K, A, B, cAt + bi * M * N * 4, N);
  }
  const out = w.read(cAt, batch * M * N);
  return { shape: [...outer, M, N], values: out, cols: N };
}

function broadcastOuter(a: number[], b: number[]): number[] | null {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) return null;
    out.push(da === 1 ? db : da);
  }
  return out;
}

export function batchMatMul({ inputs, backend, attrs = {} }: KernelArgs): TensorInfo | null {
  const { a, b } = inputs;
  if (a == null || b == null) return null;
  const r = batchMatMulValues(backend, a, b, attrs.transposeA === true, attrs.transposeB === true);
  return r == null ? null : backend.makeTensorInfo(r.shape, 'float32', r.values);
}

type Activation = (v: number) => number;

/** Activations as the stock fused kernels define them (see tfjs-backend-cpu's fused_utils). */
function activationFor(name: unknown, leakyAlpha: number): Activation | null {
  switch (name ?? 'linear') {
    case 'linear':
      return (v) => v;
    case 'relu':
      return (v) => Math.max(0, v);
    case 'relu6':
      return (v) => Math.min(Math.max(0, v), 6);
    case 'elu':
      return (v) => (v >= 0 ? v : Math.exp(v) - 1);
    case 'sigmoid':
      return (v) => 1 / (1 + Math.exp(-v));
    case 'leakyrelu':
      return (v) => (v < 0 ? leakyAlpha * v : v);
    default:
      return null;
  }
}

/**
 * Per-column (or scalar) values of a bias / prelu-alpha tensor, or null when it broadcasts any other way
 * (then the stock kernel runs). Size 1 → scalar; size N with all leading dims 1 → per column.
 */
function columnVector(backend: CpuBackend, t: TensorInfo, cols: number): Float32Array | null {
  const v = float32Values(backend, t);
  if (v == null) return null;
  if (v.length === 1) return v;
  const leadingOnes = t.shape.slice(0, -1).every((d) => d === 1);
  return leadingOnes && t.shape[t.shape.length - 1] === cols ? v : null;
}

/**
 * _FusedMatMul: the GEMM, then bias and activation in one pass over the output. Each intermediate is
 * rounded to float32 (Math.fround) where the stock kernel stores it, so results equal matMul → add →
 * activation done separately.
 */
export function fusedMatMul({ inputs, backend, attrs = {} }: KernelArgs): TensorInfo | null {
  const { a, b, bias, preluActivationWeights } = inputs;
  if (a == null || b == null) return null;
  const activation = attrs.activation ?? 'linear';
  const leakyAlpha = (attrs.leakyreluAlpha as number | undefined) ?? 0.2;
  const act = activation === 'prelu' ? null : activationFor(activation, leakyAlpha);
  if (act == null && activation !== 'prelu') return null;
  const cols = transposeCols(b, attrs.transposeB === true);
  const biasV = bias == null ? null : columnVector(backend, bias, cols);
  if (bias != null && biasV == null) return null;
  const alphaV =
    activation === 'prelu' && preluActivationWeights != null
      ? columnVector(backend, preluActivationWeights, cols)
      : null;
  if (activation === 'prelu' && alphaV == null) return null;
  const r = batchMatMulValues(backend, a, b, attrs.transposeA === true, attrs.transposeB === true);
  if (r == null) return null;
  const out = r.values;
  const N = r.cols;
  for (let i = 0; i < out.length; i += N) {
    for (let j = 0; j < N; j++) {
      let v = out[i + j];
      if (biasV != null) v = Math.fround(v + biasV[biasV.length === 1 ? 0 : j]);
      if (alphaV != null) {
        const alpha = alphaV[alphaV.length === 1 ? 0 : j];
        out[i + j] = v < 0 ? alpha * v : v;
      } else {
        out[i + j] = (act as Activation)(v);
      }
    }
  }
  return backend.makeTensorInfo(r.shape, 'float32', out);
}

function transposeCols(b: TensorInfo, transposeB: boolean): number {
  const rank = b.shape.length;
  return transposeB ? b.shape[rank - 2] : b.shape[rank - 1];
}
