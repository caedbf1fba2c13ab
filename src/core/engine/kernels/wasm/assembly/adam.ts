/**
 * One Adam step over elements [part/parts] of a variable, in place: m and v become the new moments, x the new
 * weights. Every operation is a float32 operation in tfjs's order (see FusedAdamOptimizer), so the results equal
 * stock Adam's op-by-op tensors bit for bit; the constants arrive already rounded to float32.
 */
export function adam(
  n: i32,
  g: usize,
  m: usize,
  v: usize,
  x: usize,
  beta1: f32,
  beta2: f32,
  oneMinusBeta1: f32,
  oneMinusBeta2: f32,
  oneMinusAccBeta1: f32,
  oneMinusAccBeta2: f32,
  epsilon: f32,
  negLr: f32,
  part: i32,
  parts: i32,
): void {
  const quads = n >> 2;
  const q0 = (quads * part) / parts;
  const q1 = (quads * (part + 1)) / parts;
  const b1 = f32x4.splat(beta1);
  const b2 = f32x4.splat(beta2);
  const c1 = f32x4.splat(oneMinusBeta1);
  const c2 = f32x4.splat(oneMinusBeta2);
  const a1 = f32x4.splat(oneMinusAccBeta1);
  const a2 = f32x4.splat(oneMinusAccBeta2);
  const eps = f32x4.splat(epsilon);
  const lr = f32x4.splat(negLr);
  for (let q = q0; q < q1; q++) {
    const o = (<usize>q) << 4;
    const gq = v128.load(g + o);
    const mq = f32x4.add(f32x4.mul(v128.load(m + o), b1), f32x4.mul(gq, c1));
    const vq = f32x4.add(f32x4.mul(v128.load(v + o), b2), f32x4.mul(f32x4.mul(gq, gq), c2));
    v128.store(m + o, mq);
    v128.store(v + o, vq);
    const step = f32x4.mul(f32x4.div(f32x4.div(mq, a1), f32x4.add(f32x4.sqrt(f32x4.div(vq, a2)), eps)), lr);
    v128.store(x + o, f32x4.add(step, v128.load(x + o)));
  }
  if (part != parts - 1) return;
  for (let i = quads << 2; i < n; i++) {
    const o = (<usize>i) << 2;
    const gi = load<f32>(g + o);
    const mi = load<f32>(m + o) * beta1 + gi * oneMinusBeta1;
    const vi = load<f32>(v + o) * beta2 + gi * gi * oneMinusBeta2;
    store<f32>(m + o, mi);
    store<f32>(v + o, vi);
    const step = (mi / oneMinusAccBeta1 / (Mathf.sqrt(vi / oneMinusAccBeta2) + epsilon)) * negLr;
    store<f32>(x + o, step + load<f32>(x + o));
  }
}
