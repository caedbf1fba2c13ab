/**
 * Area resampling: each output pixel is the average of the source area it covers (fractional edges weighted), so
 * shrinking doesn't alias; enlarging degrades gracefully to nearest-neighbour blocks. Separable: rows, then columns.
 */
export function resizeArea(
  src: Float32Array,
  width: number,
  height: number,
  channels: number,
  outWidth: number,
  outHeight: number,
): Float32Array {
  const tmp = resample1d(src, width, height, channels, outWidth, true);
  return resample1d(tmp, outWidth, height, channels, outHeight, false);
}

/** Resamples along x (horizontal = true) or y, from `w`×`h` to the new length on that axis. */
function resample1d(
  src: Float32Array,
  w: number,
  h: number,
  c: number,
  outLength: number,
  horizontal: boolean,
): Float32Array {
  const inLength = horizontal ? w : h;
  const outW = horizontal ? outLength : w;
  const outH = horizontal ? h : outLength;
  const out = new Float32Array(outW * outH * c);
  const scale = inLength / outLength;
  for (let o = 0; o < outLength; o++) {
    const start = o * scale;
    const end = start + scale;
    const first = Math.floor(start);
    const last = Math.min(inLength - 1, Math.ceil(end) - 1);
    for (let s = first; s <= last; s++) {
      const weight = (Math.min(end, s + 1) - Math.max(start, s)) / scale;
      if (weight <= 0) continue;
      const lines = horizontal ? h : w;
      for (let l = 0; l < lines; l++) {
        const si = horizontal ? (l * w + s) * c : (s * w + l) * c;
        const oi = horizontal ? (l * outW + o) * c : (o * outW + l) * c;
        for (let k = 0; k < c; k++) out[oi + k] += weight * src[si + k];
      }
    }
  }
  return out;
}
