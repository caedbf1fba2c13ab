import { allocFloat32 } from './cpu-tensor';

/** Rows of B kept hot per pass of the row-update GEMM: 64 rows × up to 128 float32 columns ≈ 32 KB. */
const K_BLOCK = 64;

/** Below this many output columns the row-update loop is too short to pay off; dot products win. */
const NARROW_N = 16;

/**
 * C[M×N] = A[M×K] · B[K×N] for row-major operands that each start at an offset. Accumulates into C (which
 * the caller zero-fills). With `bTransposed`, B is [N×K] row-major instead. Two loop shapes, picked by N: for wide outputs, k-blocked rank-4 updates of two C
 * rows at a time (contiguous inner loop over N); for narrow outputs, four dot products at a time over a
 * transposed copy of B.
 */
export function gemm(
  M: number,
  N: number,
  K: number,
  A: Float32Array,
  aOff: number,
  B: Float32Array,
  bOff: number,
  C: Float32Array,
  cOff: number,
  bTransposed = false,
): void {
  if (bTransposed) {
    // B given as [N×K]: every output is a dot product of two contiguous rows, no copy needed
    dotProducts(M, N, K, A, aOff, B, bOff, C, cOff);
    return;
  }
  if (N < NARROW_N) {
    const Bt = allocFloat32(N * K);
    for (let k = 0; k < K; k++) for (let j = 0; j < N; j++) Bt[j * K + k] = B[bOff + k * N + j];
    dotProducts(M, N, K, A, aOff, Bt, 0, C, cOff);
    return;
  }
  for (let k0 = 0; k0 < K; k0 += K_BLOCK) {
    const kEnd = Math.min(K, k0 + K_BLOCK);
    let i = 0;
    for (; i + 1 < M; i += 2) rowPairUpdate(N, K, A, aOff + i * K, B, bOff, C, cOff + i * N, k0, kEnd);
    if (i < M) rowUpdate(N, K, A, aOff + i * K, B, bOff, C, cOff + i * N, k0, kEnd);
  }
}

/**
 * C rows i, i+1 += A[i..i+1, k0..kEnd) · B[k0..kEnd, :], four k at a time: each B element loaded feeds two
 * rows, which measured ~1.6× faster than one row at a time at the dense layers' shapes.
 */
function rowPairUpdate(
  N: number,
  K: number,
  A: Float32Array,
  a0: number,
  B: Float32Array,
  bOff: number,
  C: Float32Array,
  c0: number,
  k0: number,
  kEnd: number,
): void {
  const a1 = a0 + K;
  const c1 = c0 + N;
  let k = k0;
  for (; k + 3 < kEnd; k += 4) {
    const p0 = A[a0 + k];
    const p1 = A[a0 + k + 1];
    const p2 = A[a0 + k + 2];
    const p3 = A[a0 + k + 3];
    const q0 = A[a1 + k];
    const q1 = A[a1 + k + 1];
    const q2 = A[a1 + k + 2];
    const q3 = A[a1 + k + 3];
    const b0 = bOff + k * N;
    const b1 = b0 + N;
    const b2 = b1 + N;
    const b3 = b2 + N;
    for (let j = 0; j < N; j++) {
      const x0 = B[b0 + j];
      const x1 = B[b1 + j];
      const x2 = B[b2 + j];
      const x3 = B[b3 + j];
      C[c0 + j] += p0 * x0 + p1 * x1 + p2 * x2 + p3 * x3;
      C[c1 + j] += q0 * x0 + q1 * x1 + q2 * x2 + q3 * x3;
    }
  }
  for (; k < kEnd; k++) {
    const p = A[a0 + k];
    const q = A[a1 + k];
    const b = bOff + k * N;
    for (let j = 0; j < N; j++) {
      const x = B[b + j];
      C[c0 + j] += p * x;
      C[c1 + j] += q * x;
    }
  }
}

function rowUpdate(
  N: number,
  _K: number,
  A: Float32Array,
  a0: number,
  B: Float32Array,
  bOff: number,
  C: Float32Array,
  c0: number,
  k0: number,
  kEnd: number,
): void {
  let k = k0;
  for (; k + 3 < kEnd; k += 4) {
    const p0 = A[a0 + k];
    const p1 = A[a0 + k + 1];
    const p2 = A[a0 + k + 2];
    const p3 = A[a0 + k + 3];
    const b0 = bOff + k * N;
    const b1 = b0 + N;
    const b2 = b1 + N;
    const b3 = b2 + N;
    for (let j = 0; j < N; j++) C[c0 + j] += p0 * B[b0 + j] + p1 * B[b1 + j] + p2 * B[b2 + j] + p3 * B[b3 + j];
  }
  for (; k < kEnd; k++) {
    const p = A[a0 + k];
    const b = bOff + k * N;
    for (let j = 0; j < N; j++) C[c0 + j] += p * B[b + j];
  }
}

/** C[i,j] += Σ_k A[i,k]·Bt[j,k], four columns per pass over a row of A, sums in float64. */
function dotProducts(
  M: number,
  N: number,
  K: number,
  A: Float32Array,
  aOff: number,
  Bt: Float32Array,
  btOff: number,
  C: Float32Array,
  cOff: number,
): void {
  for (let i = 0; i < M; i++) {
    const aRow = aOff + i * K;
    const cRow = cOff + i * N;
    let j = 0;
    for (; j + 3 < N; j += 4) {
      const r0 = btOff + j * K;
      const r1 = r0 + K;
      const r2 = r1 + K;
      const r3 = r2 + K;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let k = 0; k < K; k++) {
        const a = A[aRow + k];
        s0 += a * Bt[r0 + k];
        s1 += a * Bt[r1 + k];
        s2 += a * Bt[r2 + k];
        s3 += a * Bt[r3 + k];
      }
      C[cRow + j] += s0;
      C[cRow + j + 1] += s1;
      C[cRow + j + 2] += s2;
      C[cRow + j + 3] += s3;
    }
    for (; j < N; j++) {
      const r = btOff + j * K;
      let s = 0;
      for (let k = 0; k < K; k++) s += A[aRow + k] * Bt[r + k];
      C[cRow + j] += s;
    }
  }
}

/** Row-major transpose of a rows×cols matrix starting at `off`, into a new array. */
export function transposed(src: Float32Array, off: number, rows: number, cols: number): Float32Array {
  const out = allocFloat32(rows * cols);
  for (let r = 0; r < rows; r++) {
    const s = off + r * cols;
    for (let c = 0; c < cols; c++) out[c * rows + r] = src[s + c];
  }
  return out;
}
