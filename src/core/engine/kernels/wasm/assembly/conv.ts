import { EPILOGUE_BIAS, EPILOGUE_RELU } from './gemm';

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

/**
 * Direct convolution for few output channels (Co a multiple of 4, the course CNN's 1 → 4 channels 5×5), where a
 * patch matrix would be 25× the input for a GEMM only 4 columns wide: each output pixel's channels are one v128
 * accumulator per 4 channels, fed by every in-bounds tap, then the epilogue (EPILOGUE_* flags of gemm.ts: + bias,
 * then ReLU). Output rows (b, yR) [part/parts].
 */
export function convDirect(
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
  w: usize,
  Co: i32,
  epilogue: i32,
  bias: usize,
  out: usize,
  part: i32,
  parts: i32,
): void {
  const rows = batch * Ho;
  const r0 = (rows * part) / parts;
  const r1 = (rows * (part + 1)) / parts;
  // columns whose whole filter row lies inside the input: four of them at a time share every weight load and
  // keep four independent sums in flight
  const yLo = min(Wo, (padLeft + sw - 1) / sw);
  const yHi = W + padLeft - Kw >= 0 ? min(Wo - 1, (W + padLeft - Kw) / sw) : -1;
  for (let row = r0; row < r1; row++) {
    const b = row / Ho;
    const yR = row - b * Ho;
    const khMin = max(0, padTop - yR * sh);
    const khMax = min(Kh, H + padTop - yR * sh);
    let yC = 0;
    while (yC < Wo) {
      if (yC >= yLo && yC + 3 <= yHi) {
        convPixels4(
          x,
          b,
          H,
          W,
          Ci,
          Kw,
          sw,
          padTop,
          padLeft,
          yR * sh,
          yC,
          khMin,
          khMax,
          w,
          Co,
          bias,
          epilogue,
          ptr(out, (row * Wo + yC) * Co),
        );
        yC += 4;
      } else {
        convPixel(
          x,
          b,
          H,
          W,
          Ci,
          Kw,
          sw,
          padTop,
          padLeft,
          yR * sh,
          yC,
          khMin,
          khMax,
          w,
          Co,
          bias,
          epilogue,
          ptr(out, (row * Wo + yC) * Co),
        );
        yC += 1;
      }
    }
  }
}

function convPixel(
  x: usize,
  b: i32,
  H: i32,
  W: i32,
  Ci: i32,
  Kw: i32,
  sw: i32,
  padTop: i32,
  padLeft: i32,
  yRs: i32,
  yC: i32,
  khMin: i32,
  khMax: i32,
  w: usize,
  Co: i32,
  bias: usize,
  epilogue: i32,
  o: usize,
): void {
  const kwMin = max(0, padLeft - yC * sw);
  const kwMax = min(Kw, W + padLeft - yC * sw);
  const coBytes = (<usize>Co) << 2;
  for (let g = 0; g < Co; g += 4) {
    let acc = f32x4.splat(0);
    for (let kh = khMin; kh < khMax; kh++) {
      const xRow = (b * H + yRs - padTop + kh) * W;
      for (let kw = kwMin; kw < kwMax; kw++) {
        let xp = ptr(x, (xRow + yC * sw - padLeft + kw) * Ci);
        let wp = ptr(w, (kh * Kw + kw) * Ci * Co + g);
        for (let ci = 0; ci < Ci; ci++, xp += 4, wp += coBytes) {
          acc = f32x4.add(acc, f32x4.mul(v128.load32_splat(xp), v128.load(wp)));
        }
      }
    }
    v128.store(o + ((<usize>g) << 2), finishConv(acc, bias, g, epilogue));
  }
}

/** The conv's epilogue on 4 channels from g: + bias, then ReLU (as gemm.ts's `finish`). */
function finishConv(v: v128, bias: usize, g: i32, epilogue: i32): v128 {
  if (epilogue & EPILOGUE_BIAS) v = f32x4.add(v, v128.load(ptr(bias, g)));
  if (epilogue & EPILOGUE_RELU) v = f32x4.max(v, f32x4.splat(0));
  return v;
}

/** Four neighbouring output pixels whose filter rows lie wholly inside the input. */
function convPixels4(
  x: usize,
  b: i32,
  H: i32,
  W: i32,
  Ci: i32,
  Kw: i32,
  sw: i32,
  padTop: i32,
  padLeft: i32,
  yRs: i32,
  yC: i32,
  khMin: i32,
  khMax: i32,
  w: usize,
  Co: i32,
  bias: usize,
  epilogue: i32,
  o: usize,
): void {
  const coBytes = (<usize>Co) << 2;
  const px = (<usize>(sw * Ci)) << 2; // bytes between the inputs of neighbouring output pixels
  for (let g = 0; g < Co; g += 4) {
    let a0 = f32x4.splat(0);
    let a1 = f32x4.splat(0);
    let a2 = f32x4.splat(0);
    let a3 = f32x4.splat(0);
    for (let kh = khMin; kh < khMax; kh++) {
      let xp = ptr(x, ((b * H + yRs - padTop + kh) * W + yC * sw - padLeft) * Ci);
      let wp = ptr(w, kh * Kw * Ci * Co + g);
      // the filter row's taps (kw, ci) are contiguous in x for a given pixel, in order
      for (let t = 0; t < Kw * Ci; t++, xp += 4, wp += coBytes) {
        const wv = v128.load(wp);
        a0 = f32x4.add(a0, f32x4.mul(v128.load32_splat(xp), wv));
        a1 = f32x4.add(a1, f32x4.mul(v128.load32_splat(xp + px), wv));
        a2 = f32x4.add(a2, f32x4.mul(v128.load32_splat(xp + 2 * px), wv));
        a3 = f32x4.add(a3, f32x4.mul(v128.load32_splat(xp + 3 * px), wv));
      }
    }
    const q = o + ((<usize>g) << 2);
    v128.store(q, finishConv(a0, bias, g, epilogue));
    v128.store(q + coBytes, finishConv(a1, bias, g, epilogue));
    v128.store(q + 2 * coBytes, finishConv(a2, bias, g, epilogue));
    v128.store(q + 3 * coBytes, finishConv(a3, bias, g, epilogue));
  }
}

/**
 * Conv2DBackpropFilter for few output channels (Co a multiple of 4): dW[tap, co] = Σ over output pixels whose tap
 * lands inside the input of x · dy, one streaming pass per filter tap with two accumulators per 4 channels.
 * Filter taps (kh, kw, ci) [part/parts].
 */
export function convFilterGradDirect(
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
  dy: usize,
  Co: i32,
  dW: usize,
  part: i32,
  parts: i32,
): void {
  const taps = Kh * Kw * Ci;
  const t0 = (taps * part) / parts;
  const t1 = (taps * (part + 1)) / parts;
  const xStep = (<usize>(sw * Ci)) << 2;
  const dyStep = (<usize>Co) << 2;
  for (let tap = t0; tap < t1; tap++) {
    const kh = tap / (Kw * Ci);
    const kw = (tap / Ci) % Kw;
    const ci = tap % Ci;
    // output columns whose tap kw lands inside the input: 0 <= yC·sw − padLeft + kw < W
    const yCMin = max(0, (padLeft - kw + sw - 1) / sw);
    const yCMax = min(Wo, (W + padLeft - kw + sw - 1) / sw);
    for (let g = 0; g < Co; g += 4) {
      let acc0 = f32x4.splat(0);
      let acc1 = f32x4.splat(0);
      if (yCMin < yCMax) {
        for (let b = 0; b < batch; b++) {
          for (let yR = 0; yR < Ho; yR++) {
            const xR = yR * sh - padTop + kh;
            if (xR < 0 || xR >= H) continue;
            let xp = ptr(x, ((b * H + xR) * W + yCMin * sw - padLeft + kw) * Ci + ci);
            let dp = ptr(dy, ((b * Ho + yR) * Wo + yCMin) * Co + g);
            let yC = yCMin;
            for (; yC + 1 < yCMax; yC += 2, xp += 2 * xStep, dp += 2 * dyStep) {
              acc0 = f32x4.add(acc0, f32x4.mul(v128.load32_splat(xp), v128.load(dp)));
              acc1 = f32x4.add(acc1, f32x4.mul(v128.load32_splat(xp + xStep), v128.load(dp + dyStep)));
            }
            if (yC < yCMax) acc0 = f32x4.add(acc0, f32x4.mul(v128.load32_splat(xp), v128.load(dp)));
          }
        }
      }
      v128.store(ptr(dW, tap * Co + g), f32x4.add(acc0, acc1));
    }
  }
}
