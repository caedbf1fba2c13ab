import type { TensorInfo } from '@tensorflow/tfjs';
import { float32Values, sizeOf, type CpuBackend, type KernelArgs } from './cpu-tensor';
import { activationFor, applyActivation, perChannelValues } from './fused-epilogue';
import { gemm, rowMajor, transposedOf, type Epilogue } from './wasm/wasm-ops';
import { kernelsFor } from './resident-tensors';
import type { KernelScope } from './wasm/wasm-kernels';

interface MatMulResult {
  shape: number[];
  values: Float32Array;
  /** Columns of each output matrix (the size of a per-column bias). */
  cols: number;
}

/**
 * The batched product with tfjs's broadcasting of leading dims (batch index modulo each side's batch), its values
 * an output of the scope `s`.
 */
function batchMatMulValues(
  s: KernelScope,
  backend: CpuBackend,
  a: TensorInfo,
  b: TensorInfo,
  transposeA: boolean,
  transposeB: boolean,
  epilogue: { bias: Float32Array | null; relu: boolean } = { bias: null, relu: false },
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
  const aAt = s.input(av);
  const bAt = s.input(bv);
  const out = s.output(batch * M * N);
  const cAt = out.byteOffset;
  const finish: Epilogue = { bias: epilogue.bias == null ? undefined : s.input(epilogue.bias), relu: epilogue.relu };
  for (let bi = 0; bi < batch; bi++) {
    const a0 = aAt + (bi % batchA) * M * K * 4;
    const b0 = bAt + (bi % batchB) * K * N * 4;
    // a is [M×K] or, transposed, [K×M]; b is [K×N] or [N×K]: both read in place
    const A = transposeA ? transposedOf(a0, M) : rowMajor(a0, K);
    const B = transposeB ? transposedOf(b0, K) : rowMajor(b0, N);
    gemm(s, M, N, K, A, B, cAt + bi * M * N * 4, N, finish);
  }
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
  const w = kernelsFor(backend);
  if (w == null) return null;
  return w.scope((s) => {
    const r = batchMatMulValues(s, backend, a, b, attrs.transposeA === true, attrs.transposeB === true);
    return r == null ? null : backend.makeTensorInfo(r.shape, 'float32', r.values);
  });
}

/**
 * _FusedMatMul: the GEMM with bias and ReLU applied by the wasm kernel as each value is finished; other activations
 * in one pass over the output in JS, PReLU likewise (the stock fused kernels' semantics: matMul → add → activation).
 */
export function fusedMatMul({ inputs, backend, attrs = {} }: KernelArgs): TensorInfo | null {
  const { a, b, bias, preluActivationWeights } = inputs;
  if (a == null || b == null) return null;
  const activation = attrs.activation ?? 'linear';
  const cols = transposeCols(b, attrs.transposeB === true);
  const biasV = bias == null ? null : perChannelValues(backend, bias, cols);
  if (bias != null && biasV == null) return null;
  const alphaV =
    activation === 'prelu' && preluActivationWeights != null
      ? perChannelValues(backend, preluActivationWeights, cols)
      : null;
  if (activation === 'prelu' && alphaV == null) return null;
  const post =
    activation === 'linear' || activation === 'relu' || activation === 'prelu'
      ? null
      : activationFor(activation, (attrs.leakyreluAlpha as number | undefined) ?? 0.2);
  if (post == null && activation !== 'linear' && activation !== 'relu' && activation !== 'prelu') return null;
  const epilogue = { bias: biasV, relu: activation === 'relu' };
  const w = kernelsFor(backend);
  if (w == null) return null;
  return w.scope((s) => {
    const r = batchMatMulValues(s, backend, a, b, attrs.transposeA === true, attrs.transposeB === true, epilogue);
    if (r == null) return null;
    const out = r.values;
    if (alphaV != null) {
      for (let i = 0; i < out.length; i += cols) {
        for (let j = 0; j < cols; j++) out[i + j] = out[i + j] < 0 ? alphaV[j] * out[i + j] : out[i + j];
      }
    }
    if (post != null) applyActivation(out, post);
    return backend.makeTensorInfo(r.shape, 'float32', out);
  });
}

function transposeCols(b: TensorInfo, transposeB: boolean): number {
  const rank = b.shape.length;
  return transposeB ? b.shape[rank - 2] : b.shape[rank - 1];
}
