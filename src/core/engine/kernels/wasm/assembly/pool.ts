/**
 * Max pooling over NHWC inputs, four channels per SIMD lane group. Geometry arguments as in conv.ts: batch, H, W,
 * C, Ho, Wo, Kh, Kw, sh, sw, padTop, padLeft. Semantics are tfjs's: taps in the padding are skipped, the maximum
 * is the first strictly greater value in row-major window order (NaN never wins; a window without a value above
 * −∞ yields −∞ and routes no gradient).
 */

function at(base: usize, index: i32): usize {
  return base + ((<usize>index) << 2);
}

/** Output rows (b, yR) [part/parts]. */
export function maxPool(
  x: usize,
  batch: i32,
  H: i32,
  W: i32,
  C: i32,
  Ho: i32,
  Wo: i32,
  Kh: i32,
  Kw: i32,
  sh: i32,
  sw: i32,
  padTop: i32,
  padLeft: i32,
  out: usize,
  part: i32,
  parts: i32,
): void {
  const rows = batch * Ho;
  const r0 = (rows * part) / parts;
  const r1 = (rows * (part + 1)) / parts;
  const C4 = C & ~3;
  for (let row = r0; row < r1; row++) {
    const b = row / Ho;
    const yR = row - b * Ho;
    const rMin = max(0, yR * sh - padTop);
    const rMax = min(H, yR * sh - padTop + Kh);
    for (let yC = 0; yC < Wo; yC++) {
      const cMin = max(0, yC * sw - padLeft);
      const cMax = min(W, yC * sw - padLeft + Kw);
      const o = at(out, (row * Wo + yC) * C);
      for (let d = 0; d < C4; d += 4) {
        let best = f32x4.splat(-Infinity);
        for (let r = rMin; r < rMax; r++) {
          for (let c = cMin; c < cMax; c++) {
            const v = v128.load(at(x, ((b * H + r) * W + c) * C + d));
            best = v128.bitselect(v, best, f32x4.gt(v, best));
          }
        }
        v128.store(o + ((<usize>d) << 2), best);
      }
      for (let d = C4; d < C; d++) {
        let best: f32 = -Infinity;
        for (let r = rMin; r < rMax; r++) {
          for (let c = cMin; c < cMax; c++) {
            const v = load<f32>(at(x, ((b * H + r) * W + c) * C + d));
            if (v > best) best = v;
          }
        }
        store<f32>(o + ((<usize>d) << 2), best);
      }
    }
  }
}

/**
 * MaxPoolGrad for windows that do not overlap (strides ≥ filter size): each dy value goes to its window's winning
 * tap, every other tap of the window gets 0. Positions no window covers must be zero already in dx. Output rows
 * (b, yR) [part/parts]; their windows are disjoint, so parts write disjoint parts of dx.
 */
export function maxPoolGradDisjoint(
  x: usize,
  dy: usize,
  batch: i32,
  H: i32,
  W: i32,
  C: i32,
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
  const rows = batch * Ho;
  const r0 = (rows * part) / parts;
  const r1 = (rows * (part + 1)) / parts;
  const C4 = C & ~3;
  const negInf = f32x4.splat(-Infinity);
  const zero = f32x4.splat(0);
  for (let row = r0; row < r1; row++) {
    const b = row / Ho;
    const yR = row - b * Ho;
    const rMin = max(0, yR * sh - padTop);
    const rMax = min(H, yR * sh - padTop + Kh);
    for (let yC = 0; yC < Wo; yC++) {
      const cMin = max(0, yC * sw - padLeft);
      const cMax = min(W, yC * sw - padLeft + Kw);
      const o = (row * Wo + yC) * C;
      for (let d = 0; d < C4; d += 4) {
        let best = negInf;
        for (let r = rMin; r < rMax; r++) {
          for (let c = cMin; c < cMax; c++) {
            const v = v128.load(at(x, ((b * H + r) * W + c) * C + d));
            best = v128.bitselect(v, best, f32x4.gt(v, best));
          }
        }
        const g = v128.load(at(dy, o + d));
        let open = f32x4.gt(best, negInf); // lanes still waiting for their winning tap
        for (let r = rMin; r < rMax; r++) {
          for (let c = cMin; c < cMax; c++) {
            const i = ((b * H + r) * W + c) * C + d;
            const win = v128.and(open, f32x4.eq(v128.load(at(x, i)), best));
            v128.store(at(dx, i), v128.bitselect(g, zero, win));
            open = v128.andnot(open, win);
          }
        }
      }
      for (let d = C4; d < C; d++) {
        let best: f32 = -Infinity;
        let winner = -1;
        for (let r = rMin; r < rMax; r++) {
          for (let c = cMin; c < cMax; c++) {
            const i = ((b * H + r) * W + c) * C + d;
            const v = load<f32>(at(x, i));
            store<f32>(at(dx, i), 0);
            if (v > best) {
              best = v;
              winner = i;
            }
          }
        }
        if (winner >= 0) store<f32>(at(dx, winner), load<f32>(at(dy, o + d)));
      }
    }
  }
}
