/**
 * Patch matrices for NHWC convolutions. Geometry arguments, in order: batch, H, W, Ci (input), Ho, Wo (output),
 * Kh, Kw (filter), sh, sw (strides), padTop, padLeft. Row m = output pixel (b, yR, yC), column k = filter tap
 * (kh, kw, ci), so a conv is a GEMM of the patch matrix [B·Ho·Wo × Kh·Kw·Ci] with the filter [Kh·Kw·Ci × Co].
 */

function ptr(base: usize, index: i32): usize {
  return base + ((<usize>index) << 2);
}

/** n floats from src to dst: short runs (a 5-tap filter row of one channel) inline, long ones via memory.copy. */
function copyFloats(dst: usize, src: usize, n: i32): void {
  if (n >= 16) {
    memory.copy(dst, src, (<usize>n) << 2);
    return;
  }
  for (let i = 0; i < n; i++) store<f32>(dst + ((<usize>i) << 2), load<f32>(src + ((<usize>i) << 2)));
}

function zeroFloats(dst: usize, n: i32): void {
  if (n >= 16) {
    memory.fill(dst, 0, (<usize>n) << 2);
    return;
  }
  for (let i = 0; i < n; i++) store<f32>(dst + ((<usize>i) << 2), 0);
}

/** Rows [part/parts] of the patch matrix `col` of input `x`; taps in the padding are zero. */
export function im2col(
  x: usize,
  batch: i32,
  H: i32,
  W: i32,
  Ci: i32,
  Ho: i32,
  Wo: i32,
  Kh: i32,
  Kw: i32,
  sh: i32,
  sw: i32,
  padTop: i32,
  padLeft: i32,
  col: usize,
  part: i32,
  parts: i32,
): void {
  const K = Kh * Kw * Ci;
  const rows = batch * Ho;
  const r0 = (rows * part) / parts;
  const r1 = (rows * (part + 1)) / parts;
  for (let row = r0; row < r1; row++) {
    const b = row / Ho;
    const yR = row - b * Ho;
    const rowCorner = yR * sh - padTop;
    let dst = ptr(col, row * Wo * K);
    for (let yC = 0; yC < Wo; yC++, dst += (<usize>K) << 2) {
      const colCorner = yC * sw - padLeft;
      const kwMin = max(0, -colCorner);
      const kwMax = min(Kw, W - colCorner);
      for (let kh = 0; kh < Kh; kh++) {
        const xR = rowCorner + kh;
        const tap = dst + ((<usize>(kh * Kw * Ci)) << 2);
        if (xR < 0 || xR >= H || kwMax <= kwMin) {
          zeroFloats(tap, Kw * Ci);
          continue;
        }
        if (kwMin > 0) zeroFloats(tap, kwMin * Ci);
        const src = ptr(x, ((b * H + xR) * W + colCorner + kwMin) * Ci);
        copyFloats(tap + ((<usize>(kwMin * Ci)) << 2), src, (kwMax - kwMin) * Ci);
        if (kwMax < Kw) zeroFloats(tap + ((<usize>(kwMax * Ci)) << 2), (Kw - kwMax) * Ci);
      }
    }
  }
}

/**
 * dx = the transpose of im2col applied to `col`: every patch entry is added back to the input pixel it was read
 * from (taps in the padding are dropped). Parts split the batch, so each writes its own images of dx.
 */
export function col2im(
  col: usize,
  batch: i32,
  H: i32,
  W: i32,
  Ci: i32,
  Ho: i32,
  Wo: i32,
  Kh: i32,
  Kw: i32,
  sh: i32,
  sw: i32,
  padTop: i32,
  padLeft: i32,
  dx: usize,
  part: i32,
  parts: i32,
): void {
  const K = Kh * Kw * Ci;
  const b0 = (batch * part) / parts;
  const b1 = (batch * (part + 1)) / parts;
  if (b1 <= b0) return;
  memory.fill(ptr(dx, b0 * H * W * Ci), 0, (<usize>((b1 - b0) * H * W * Ci)) << 2);
  for (let b = b0; b < b1; b++) {
    for (let yR = 0; yR < Ho; yR++) {
      const rowCorner = yR * sh - padTop;
      for (let yC = 0; yC < Wo; yC++) {
        const colCorner = yC * sw - padLeft;
        const kwMin = max(0, -colCorner);
        const kwMax = min(Kw, W - colCorner);
        if (kwMax <= kwMin) continue;
        const src = ptr(col, ((b * Ho + yR) * Wo + yC) * K);
        for (let kh = 0; kh < Kh; kh++) {
          const xR = rowCorner + kh;
          if (xR < 0 || xR >= H) continue;
          const len = (kwMax - kwMin) * Ci;
          let s = src + ((<usize>((kh * Kw + kwMin) * Ci)) << 2);
          let d = ptr(dx, ((b * H + xR) * W + colCorner + kwMin) * Ci);
          let t = 0;
          for (; t + 4 <= len; t += 4, s += 16, d += 16) v128.store(d, f32x4.add(v128.load(d), v128.load(s)));
          for (; t < len; t++, s += 4, d += 4) store<f32>(d, load<f32>(d) + load<f32>(s));
        }
      }
    }
  }
}
