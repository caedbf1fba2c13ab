/**
 * The backward pass of a layer's `act(z + bias)` (a conv or dense layer whose bias and activation the forward
 * kernel applied in its epilogue), from y = act(z + bias) and the gradient dy, both row-major [M×C].
 */

/** Activation codes, shared with the JS side (fused-activation.ts). */
export const ACT_LINEAR: i32 = 0;
export const ACT_RELU: i32 = 1;
export const ACT_SIGMOID: i32 = 2;
export const ACT_TANH: i32 = 3;

/** Rows per block of the bias sums: fixed, so the sums do not depend on how the blocks are split over threads. */
export const BIAS_BLOCK_ROWS: i32 = 64;

export function biasBlockRows(): i32 {
  return BIAS_BLOCK_ROWS;
}

function at(base: usize, index: i32): usize {
  return base + ((<usize>index) << 2);
}

/**
 * dz = dy · act'(y) written to `dz` (for ACT_LINEAR dz is dy itself and nothing is written), with the derivative
 * in the form and order tfjs's gradients use: ReLU dy·step(y) (step: 1 above 0, 0 else, NaN for NaN), sigmoid
 * dy·(y·(1 − y)), tanh (1 − y·y)·dy. Then, per block of BIAS_BLOCK_ROWS rows, the float64 sum of dz over the
 * block's rows for each channel into partials[block·C + c] (the caller adds the blocks up in order). Blocks
 * [part/parts].
 */
export function biasActivationGrad(
  dy: usize,
  y: usize,
  M: i32,
  C: i32,
  act: i32,
  dz: usize,
  partials: usize,
  part: i32,
  parts: i32,
): void {
  const blocks = (M + BIAS_BLOCK_ROWS - 1) / BIAS_BLOCK_ROWS;
  const b0 = (blocks * part) / parts;
  const b1 = (blocks * (part + 1)) / parts;
  for (let block = b0; block < b1; block++) {
    const r0 = block * BIAS_BLOCK_ROWS;
    const r1 = min(M, r0 + BIAS_BLOCK_ROWS);
    const e0 = r0 * C;
    const e1 = r1 * C;
    if (act != ACT_LINEAR) activationGrad(dy, y, act, dz, e0, e1);
    const src = act == ACT_LINEAR ? dy : dz;
    const sums = partials + ((<usize>(block * C)) << 3);
    if ((C & 3) == 0) {
      for (let g = 0; g < C; g += 4) {
        let lo = f64x2.splat(0);
        let hi = f64x2.splat(0);
        for (let r = r0; r < r1; r++) {
          const v = v128.load(at(src, r * C + g));
          lo = f64x2.add(lo, f64x2.promote_low_f32x4(v));
          hi = f64x2.add(hi, f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 0, 1)));
        }
        v128.store(sums + ((<usize>g) << 3), lo);
        v128.store(sums + ((<usize>g) << 3), hi, 16);
      }
    } else {
      for (let c = 0; c < C; c++) {
        let s: f64 = 0;
        for (let r = r0; r < r1; r++) s += <f64>load<f32>(at(src, r * C + c));
        store<f64>(sums + ((<usize>c) << 3), s);
      }
    }
  }
}

/** dz[e] = dy[e] · act'(y[e]) for elements [e0, e1). */
function activationGrad(dy: usize, y: usize, act: i32, dz: usize, e0: i32, e1: i32): void {
  const one = f32x4.splat(1);
  const zero = f32x4.splat(0);
  let e = e0;
  for (; e + 4 <= e1; e += 4) {
    const g = v128.load(at(dy, e));
    const v = v128.load(at(y, e));
    let d: v128;
    if (act == ACT_RELU) {
      // step(y): NaN lanes of y pass their NaN through
      const s = v128.bitselect(one, zero, f32x4.gt(v, zero));
      d = f32x4.mul(g, v128.bitselect(v, s, f32x4.ne(v, v)));
    } else if (act == ACT_SIGMOID) {
      d = f32x4.mul(g, f32x4.mul(v, f32x4.sub(one, v)));
    } else {
      d = f32x4.mul(f32x4.sub(one, f32x4.mul(v, v)), g);
    }
    v128.store(at(dz, e), d);
  }
  for (; e < e1; e++) {
    const g = load<f32>(at(dy, e));
    const v = load<f32>(at(y, e));
    let d: f32;
    if (act == ACT_RELU) d = g * (v != v ? v : v > 0 ? <f32>1 : <f32>0);
    else if (act == ACT_SIGMOID) d = g * (v * (1 - v));
    else d = (1 - v * v) * g;
    store<f32>(at(dz, e), d);
  }
}
