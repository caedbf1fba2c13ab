import type { ConvGeometry } from '../conv-geometry';
import type { KernelScope } from './wasm-kernels';

/** A matrix in wasm memory: byte address, and element strides between rows and between columns. */
export interface WasmMatrix {
  at: number;
  rowStride: number;
  colStride: number;
}

export const rowMajor = (at: number, cols: number): WasmMatrix => ({ at, rowStride: cols, colStride: 1 });
/** The transpose of a row-major matrix with `cols` columns, read in place. */
export const transposedOf = (at: number, cols: number): WasmMatrix => ({ at, rowStride: 1, colStride: cols });

let gemmWorkBytes = 0;

/**
 * What the wasm kernels apply to each finished output value (gemm.ts's EPILOGUE_* flags): + a per-column bias,
 * then ReLU. `bias` is the address of one value per output column (or channel).
 */
export interface Epilogue {
  bias?: number;
  relu?: boolean;
}

/** The flags and bias address the wasm kernels take for an epilogue. */
export function epilogueArgs(e: Epilogue = {}): [flags: number, bias: number] {
  return [(e.bias != null ? 1 : 0) | (e.relu ? 2 : 0), e.bias ?? 0];
}

/**
 * C[M×N] (row stride ldc) = A·B, or += with `accumulate`, then the epilogue (which cannot be combined with
 * `accumulate`); over the threads when large. Results do not depend on the thread count.
 */
export function gemm(
  s: KernelScope,
  M: number,
  N: number,
  K: number,
  A: WasmMatrix,
  B: WasmMatrix,
  C: number,
  ldc: number,
  options: Epilogue & { accumulate?: boolean } = {},
): void {
  const w = s.w;
  gemmWorkBytes ||= w.call('gemmWorkBytes');
  const [flags, bias] = epilogueArgs(options);
  if (options.accumulate && flags !== 0) throw new Error('gemm: an epilogue cannot be combined with accumulate');
  const work = 2 * M * N * K;
  const scratch = s.temp(gemmWorkBytes * w.partsFor(work));
  w.run(
    'gemm',
    [
      M,
      N,
      K,
      A.at,
      A.rowStride,
      A.colStride,
      B.at,
      B.rowStride,
      B.colStride,
      C,
      ldc,
      options.accumulate ? 1 : 0,
      flags,
      bias,
      scratch,
    ],
    work,
  );
}

/** A conv or pool geometry as the wasm kernels take it: batch, H, W, C, Ho, Wo, Kh, Kw, sh, sw, padTop, padLeft. */
export function poolGeometryArgs(g: ConvGeometry): number[] {
  return [
    g.batch,
    g.inHeight,
    g.inWidth,
    g.inChannels,
    g.outHeight,
    g.outWidth,
    g.filterHeight,
    g.filterWidth,
    g.strideHeight,
    g.strideWidth,
    g.padTop,
    g.padLeft,
  ];
}

/**
 * Few output channels (4, 8 or 12; the course CNN has 4): the direct conv loops beat a patch matrix Kh·Kw times the
 * input feeding a GEMM only Co columns wide.
 */
export const usesDirectLoops = (g: ConvGeometry): boolean => g.outChannels % 4 === 0 && g.outChannels < 16;

/** Rows of the patch matrix: one per output pixel. */
export const patchRows = (g: ConvGeometry): number => g.batch * g.outHeight * g.outWidth;
/** Columns of the patch matrix: one per filter tap. */
export const patchCols = (g: ConvGeometry): number => g.filterHeight * g.filterWidth * g.inChannels;

/** The patch matrix [patchRows × patchCols] of the input at `x`, as scratch; returns its address. */
export function im2col(s: KernelScope, x: number, g: ConvGeometry): number {
  const col = s.temp(patchRows(g) * patchCols(g) * 4);
  s.w.run('im2col', [x, ...poolGeometryArgs(g), col], patchRows(g) * patchCols(g));
  return col;
}

/** dx (at `dx`, NHWC input shape, overwritten) = the patch matrix at `col` added back onto the input pixels. */
export function col2im(s: KernelScope, col: number, g: ConvGeometry, dx: number): void {
  s.w.run('col2im', [col, ...poolGeometryArgs(g), dx], patchRows(g) * patchCols(g));
}
