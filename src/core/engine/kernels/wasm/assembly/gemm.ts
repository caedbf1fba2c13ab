/**
 * Single-precision GEMM with 128-bit SIMD: C[M×N] = A[M×K] · B[K×N] (or C += when `accumulate`), each operand
 * addressed through a row stride and a column stride (in elements), so transposed operands need no copy.
 *
 * GotoBLAS blocking: B is packed per KC×NC block into panels of NR columns (the micro-kernel streams one panel
 * from L1), A per MC×KC block into tiles of MR rows (kept in L2), and a 4×8 micro-kernel keeps its 4×8 tile of
 * C in eight v128 accumulators. Packed tiles are zero-padded, so the micro-kernel always runs full width and only
 * the write-back knows about ragged edges.
 */

const MR: i32 = 4;
const NR: i32 = 8;
const KC: i32 = 256;
const MC: i32 = 128;
const NC: i32 = 512;

/** Bytes of scratch one thread needs: packed A block, packed B block, and a 4×8 tile for ragged edges. */
export const GEMM_WORK_BYTES: i32 = (MC * KC + KC * NC + MR * NR) * 4;

export function gemmWorkBytes(): i32 {
  return GEMM_WORK_BYTES;
}

function addr(base: usize, index: i32): usize {
  return base + ((<usize>index) << 2);
}

/** dst[(jp·kc + k)·NR + jj] = B(k0 + k, j0 + jp + jj), zero beyond nc. */
function packB(dst: usize, B: usize, rsB: i32, csB: i32, k0: i32, kc: i32, j0: i32, nc: i32): void {
  for (let jp = 0; jp < nc; jp += NR) {
    const w = min(NR, nc - jp);
    let d = addr(dst, jp * kc);
    if (w == NR && csB == 1) {
      let s = addr(B, k0 * rsB + j0 + jp);
      const step = (<usize>rsB) << 2;
      for (let k = 0; k < kc; k++) {
        v128.store(d, v128.load(s));
        v128.store(d, v128.load(s, 16), 16);
        d += 32;
        s += step;
      }
    } else if (csB == 1) {
      // a ragged last panel of a row-major B: w contiguous values, then zeros
      let s = addr(B, k0 * rsB + j0 + jp);
      const step = (<usize>rsB) << 2;
      for (let k = 0; k < kc; k++) {
        v128.store(d, f32x4.splat(0));
        v128.store(d, f32x4.splat(0), 16);
        for (let jj = 0; jj < w; jj++) store<f32>(d + ((<usize>jj) << 2), load<f32>(s + ((<usize>jj) << 2)));
        d += 32;
        s += step;
      }
    } else {
      for (let k = 0; k < kc; k++) {
        const row = (k0 + k) * rsB + (j0 + jp) * csB;
        for (let jj = 0; jj < NR; jj++) {
          store<f32>(d + ((<usize>jj) << 2), jj < w ? load<f32>(addr(B, row + jj * csB)) : 0);
        }
        d += 32;
      }
    }
  }
}

/** dst[(ip·kc + k)·MR + r] = A(i0 + ip + r, k0 + k), zero beyond mc. */
function packA(dst: usize, A: usize, rsA: i32, csA: i32, i0: i32, mc: i32, k0: i32, kc: i32): void {
  for (let ip = 0; ip < mc; ip += MR) {
    const h = min(MR, mc - ip);
    let d = addr(dst, ip * kc);
    if (h == MR && rsA == 1) {
      // A stored transposed: the MR rows of one k are contiguous
      let s = addr(A, i0 + ip + k0 * csA);
      const step = (<usize>csA) << 2;
      for (let k = 0; k < kc; k++) {
        v128.store(d, v128.load(s));
        d += 16;
        s += step;
      }
    } else if (h == MR && csA == 1) {
      // row-major A: read 4×4 blocks along the rows and transpose them in registers
      const r0 = addr(A, (i0 + ip) * rsA + k0);
      const rowBytes = (<usize>rsA) << 2;
      let k = 0;
      for (; k + 4 <= kc; k += 4) {
        const p = r0 + ((<usize>k) << 2);
        const x0 = v128.load(p);
        const x1 = v128.load(p + rowBytes);
        const x2 = v128.load(p + 2 * rowBytes);
        const x3 = v128.load(p + 3 * rowBytes);
        const t0 = v128.shuffle<f32>(x0, x1, 0, 4, 1, 5);
        const t1 = v128.shuffle<f32>(x2, x3, 0, 4, 1, 5);
        const t2 = v128.shuffle<f32>(x0, x1, 2, 6, 3, 7);
        const t3 = v128.shuffle<f32>(x2, x3, 2, 6, 3, 7);
        v128.store(d, v128.shuffle<f32>(t0, t1, 0, 1, 4, 5));
        v128.store(d, v128.shuffle<f32>(t0, t1, 2, 3, 6, 7), 16);
        v128.store(d, v128.shuffle<f32>(t2, t3, 0, 1, 4, 5), 32);
        v128.store(d, v128.shuffle<f32>(t2, t3, 2, 3, 6, 7), 48);
        d += 64;
      }
      for (; k < kc; k++) {
        const p = r0 + ((<usize>k) << 2);
        store<f32>(d, load<f32>(p));
        store<f32>(d, load<f32>(p + rowBytes), 4);
        store<f32>(d, load<f32>(p + 2 * rowBytes), 8);
        store<f32>(d, load<f32>(p + 3 * rowBytes), 12);
        d += 16;
      }
    } else {
      for (let k = 0; k < kc; k++) {
        for (let r = 0; r < MR; r++) {
          store<f32>(d + ((<usize>r) << 2), r < h ? load<f32>(addr(A, (i0 + ip + r) * rsA + (k0 + k) * csA)) : 0);
        }
        d += 16;
      }
    }
  }
}

/** Epilogue flags, applied once to each finished value of C (after its last block of K). */
export const EPILOGUE_BIAS: i32 = 1;
export const EPILOGUE_RELU: i32 = 2;

/** v (+ C's old value when accumulating), then the epilogue: + bias, then max(·, 0) (NaN stays NaN). */
function finish(p: usize, v: v128, acc: bool, ep: i32, b: v128): void {
  if (acc) v = f32x4.add(v128.load(p), v);
  if (ep & EPILOGUE_BIAS) v = f32x4.add(v, b);
  if (ep & EPILOGUE_RELU) v = f32x4.max(v, f32x4.splat(0));
  v128.store(p, v);
}

/** The scalar form of {@link finish} for ragged tiles. */
function finishOne(p: usize, v: f32, acc: bool, ep: i32, b: f32): void {
  if (acc) v = load<f32>(p) + v;
  if (ep & EPILOGUE_BIAS) v = v + b;
  if (ep & EPILOGUE_RELU) v = max<f32>(v, 0);
  store<f32>(p, v);
}

function writeRow(p: usize, lo: v128, hi: v128, acc: bool, ep: i32, b0: v128, b1: v128): void {
  finish(p, lo, acc, ep, b0);
  finish(p + 16, hi, acc, ep, b1);
}

/**
 * One MR×NR tile of C from kc steps of a packed A tile and a packed B panel; `ep` (0 except after the last block of
 * K) and `bias` (this panel's first column) give the epilogue.
 */
function microKernel(
  kc: i32,
  ap: usize,
  bp: usize,
  C: usize,
  ldc: i32,
  mr: i32,
  nr: i32,
  acc: bool,
  tmp: usize,
  ep: i32,
  bias: usize,
): void {
  let c00 = f32x4.splat(0);
  let c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0);
  let c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0);
  let c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0);
  let c31 = f32x4.splat(0);
  for (let k = 0; k < kc; k++) {
    const b0 = v128.load(bp);
    const b1 = v128.load(bp, 16);
    let a = v128.load32_splat(ap);
    c00 = f32x4.add(c00, f32x4.mul(a, b0));
    c01 = f32x4.add(c01, f32x4.mul(a, b1));
    a = v128.load32_splat(ap, 4);
    c10 = f32x4.add(c10, f32x4.mul(a, b0));
    c11 = f32x4.add(c11, f32x4.mul(a, b1));
    a = v128.load32_splat(ap, 8);
    c20 = f32x4.add(c20, f32x4.mul(a, b0));
    c21 = f32x4.add(c21, f32x4.mul(a, b1));
    a = v128.load32_splat(ap, 12);
    c30 = f32x4.add(c30, f32x4.mul(a, b0));
    c31 = f32x4.add(c31, f32x4.mul(a, b1));
    ap += 16;
    bp += 32;
  }
  const rowBytes = (<usize>ldc) << 2;
  // the bias panel is read 8 wide even when ragged: the JS side pads every allocation to 64 bytes
  const b0 = ep & EPILOGUE_BIAS ? v128.load(bias) : f32x4.splat(0);
  const b1 = ep & EPILOGUE_BIAS ? v128.load(bias, 16) : f32x4.splat(0);
  if (nr == NR) {
    writeRow(C, c00, c01, acc, ep, b0, b1);
    if (mr > 1) writeRow(C + rowBytes, c10, c11, acc, ep, b0, b1);
    if (mr > 2) writeRow(C + 2 * rowBytes, c20, c21, acc, ep, b0, b1);
    if (mr > 3) writeRow(C + 3 * rowBytes, c30, c31, acc, ep, b0, b1);
    return;
  }
  v128.store(tmp, c00);
  v128.store(tmp, c01, 16);
  v128.store(tmp, c10, 32);
  v128.store(tmp, c11, 48);
  v128.store(tmp, c20, 64);
  v128.store(tmp, c21, 80);
  v128.store(tmp, c30, 96);
  v128.store(tmp, c31, 112);
  for (let r = 0; r < mr; r++) {
    const row = C + <usize>r * rowBytes;
    for (let j = 0; j < nr; j++) {
      const v = load<f32>(tmp + ((<usize>(r * NR + j)) << 2));
      const b = ep & EPILOGUE_BIAS ? load<f32>(bias + ((<usize>j) << 2)) : 0;
      finishOne(row + ((<usize>j) << 2), v, acc, ep, b);
    }
  }
}

/** A tile at most 4 columns wide (the last panel, or all of a 4-channel conv): half the work of the full tile. */
function microKernel4(
  kc: i32,
  ap: usize,
  bp: usize,
  C: usize,
  ldc: i32,
  mr: i32,
  nr: i32,
  acc: bool,
  tmp: usize,
  ep: i32,
  bias: usize,
): void {
  let c0 = f32x4.splat(0);
  let c1 = f32x4.splat(0);
  let c2 = f32x4.splat(0);
  let c3 = f32x4.splat(0);
  for (let k = 0; k < kc; k++) {
    const b = v128.load(bp);
    c0 = f32x4.add(c0, f32x4.mul(v128.load32_splat(ap), b));
    c1 = f32x4.add(c1, f32x4.mul(v128.load32_splat(ap, 4), b));
    c2 = f32x4.add(c2, f32x4.mul(v128.load32_splat(ap, 8), b));
    c3 = f32x4.add(c3, f32x4.mul(v128.load32_splat(ap, 12), b));
    ap += 16;
    bp += 32;
  }
  const rowBytes = (<usize>ldc) << 2;
  if (nr == 4) {
    const b = ep & EPILOGUE_BIAS ? v128.load(bias) : f32x4.splat(0);
    finish(C, c0, acc, ep, b);
    if (mr > 1) finish(C + rowBytes, c1, acc, ep, b);
    if (mr > 2) finish(C + 2 * rowBytes, c2, acc, ep, b);
    if (mr > 3) finish(C + 3 * rowBytes, c3, acc, ep, b);
    return;
  }
  v128.store(tmp, c0);
  v128.store(tmp, c1, 16);
  v128.store(tmp, c2, 32);
  v128.store(tmp, c3, 48);
  for (let r = 0; r < mr; r++) {
    const row = C + <usize>r * rowBytes;
    for (let j = 0; j < nr; j++) {
      const v = load<f32>(tmp + ((<usize>(r * 4 + j)) << 2));
      const b = ep & EPILOGUE_BIAS ? load<f32>(bias + ((<usize>j) << 2)) : 0;
      finishOne(row + ((<usize>j) << 2), v, acc, ep, b);
    }
  }
}

/** The serial blocked GEMM over one block of C. */
function gemmBlock(
  M: i32,
  N: i32,
  K: i32,
  A: usize,
  rsA: i32,
  csA: i32,
  B: usize,
  rsB: i32,
  csB: i32,
  C: usize,
  ldc: i32,
  accumulate: bool,
  epilogue: i32,
  bias: usize,
  work: usize,
): void {
  const pa = work;
  const pb = addr(work, MC * KC);
  const tmp = addr(pb, KC * NC);
  for (let j0 = 0; j0 < N; j0 += NC) {
    const nc = min(NC, N - j0);
    for (let k0 = 0; k0 < K; k0 += KC) {
      const kc = min(KC, K - k0);
      const acc = accumulate || k0 > 0;
      const ep = k0 + kc >= K ? epilogue : 0;
      packB(pb, B, rsB, csB, k0, kc, j0, nc);
      for (let i0 = 0; i0 < M; i0 += MC) {
        const mc = min(MC, M - i0);
        packA(pa, A, rsA, csA, i0, mc, k0, kc);
        for (let jr = 0; jr < nc; jr += NR) {
          const nr = min(NR, nc - jr);
          const bp = addr(pb, jr * kc);
          for (let ir = 0; ir < mc; ir += MR) {
            const mr = min(MR, mc - ir);
            const c = addr(C, (i0 + ir) * ldc + j0 + jr);
            const b = addr(bias, j0 + jr);
            if (nr <= 4) microKernel4(kc, addr(pa, ir * kc), bp, c, ldc, mr, nr, acc, tmp, ep, b);
            else microKernel(kc, addr(pa, ir * kc), bp, c, ldc, mr, nr, acc, tmp, ep, b);
          }
        }
      }
    }
  }
}

/**
 * Part `part` of `parts` of the GEMM: the rows of C (in multiples of MR) when M ≥ N, else its columns (in
 * multiples of NR), so threads write disjoint parts of C; each value's sum over K runs in the same order whatever
 * the parts, so results do not depend on the thread count. `epilogue` (EPILOGUE_* flags, with `bias` the address
 * of N per-column values) finishes each value of C; it cannot be combined with `accumulate`. `work` is the start of
 * GEMM_WORK_BYTES × parts bytes.
 */
export function gemm(
  M: i32,
  N: i32,
  K: i32,
  A: usize,
  rsA: i32,
  csA: i32,
  B: usize,
  rsB: i32,
  csB: i32,
  C: usize,
  ldc: i32,
  accumulate: i32,
  epilogue: i32,
  bias: usize,
  work: usize,
  part: i32,
  parts: i32,
): void {
  const w = work + <usize>part * <usize>GEMM_WORK_BYTES;
  if (M <= 0 || N <= 0) return;
  if (K <= 0) {
    if (accumulate != 0 || part != 0) return;
    for (let i = 0; i < M; i++) {
      for (let j = 0; j < N; j++) {
        finishOne(addr(C, i * ldc + j), 0, false, epilogue, epilogue & EPILOGUE_BIAS ? load<f32>(addr(bias, j)) : 0);
      }
    }
    return;
  }
  if (M >= N) {
    const tiles = (M + MR - 1) / MR;
    const t0 = (tiles * part) / parts;
    const t1 = (tiles * (part + 1)) / parts;
    const i0 = t0 * MR;
    const i1 = min(M, t1 * MR);
    if (i1 <= i0) return;
    gemmBlock(
      i1 - i0,
      N,
      K,
      addr(A, i0 * rsA),
      rsA,
      csA,
      B,
      rsB,
      csB,
      addr(C, i0 * ldc),
      ldc,
      accumulate != 0,
      epilogue,
      bias,
      w,
    );
  } else {
    const panels = (N + NR - 1) / NR;
    const p0 = (panels * part) / parts;
    const p1 = (panels * (part + 1)) / parts;
    const j0 = p0 * NR;
    const j1 = min(N, p1 * NR);
    if (j1 <= j0) return;
    gemmBlock(
      M,
      j1 - j0,
      K,
      A,
      rsA,
      csA,
      addr(B, j0 * csB),
      rsB,
      csB,
      addr(C, j0),
      ldc,
      accumulate != 0,
      epilogue,
      addr(bias, j0),
      w,
    );
  }
}
