/**
 * GFLOP/s of LayerLab's WebAssembly kernels, for `npm run bench:peer`: the GEMM alone (1 thread and all threads)
 * at the models' shapes, and the conv kernels of the wide CNN through the tfjs engine (copies included).
 */

import type { NamedAttrMap, NamedTensorMap, Tensor } from '@tensorflow/tfjs';

/** The GEMM shapes reported, with where they occur in the models. */
export const GEMM_SHAPES: { m: number; n: number; k: number; what: string }[] = [
  { m: 512, n: 512, k: 512, what: 'square 512' },
  { m: 32, n: 128, k: 1296, what: 'feed-forward dense 1296→128, forward' },
  { m: 32 * 18 * 18, n: 64, k: 288, what: 'wide-cnn conv2 forward (im2col)' },
  { m: 288, n: 64, k: 32 * 18 * 18, what: 'wide-cnn conv2 filter gradient' },
  { m: 32, n: 128, k: 5184, what: 'wide-cnn dense 5184→128, forward' },
];

export interface KernelGflops {
  threads: number;
  gemm: { shape: string; what: string; singleThread: number; threaded: number }[];
  conv: { kernel: string; shape: string; gflops: number }[];
}

/** Median of 9 timed calls after one warm-up, in seconds. */
function medianSeconds(f: () => void): number {
  f();
  const times: number[] = [];
  for (let i = 0; i < 9; i++) {
    const t0 = performance.now();
    f();
    times.push((performance.now() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[4];
}

export async function measureKernelGflops(): Promise<KernelGflops> {
  const tf = await import('@tensorflow/tfjs');
  const { wasmKernels } = await import('../../src/core/engine/kernels/wasm/wasm-kernels');
  const { gemm, rowMajor } = await import('../../src/core/engine/kernels/wasm/wasm-ops');
  const { registerFastCpuKernels } = await import('../../src/core/engine/kernels/index');
  const { seededValues } = await import('../../src/core/engine/kernels/stock-comparison');
  const w = wasmKernels();
  if (w == null) throw new Error('the WebAssembly kernels do not load in this runtime');
  const threads = w.threads;
  const gemmRows = GEMM_SHAPES.map(({ m, n, k, what }) => {
    const flops = 2 * m * n * k;
    const at = (threads: number) => {
      w.configure({ threads });
      return w.scope((s) => {
        const a = s.input(seededValues(m * k, 1));
        const b = s.input(seededValues(k * n, 2));
        const c = s.temp(m * n * 4);
        return flops / medianSeconds(() => gemm(s, m, n, k, rowMajor(a, k), rowMajor(b, n), c, n)) / 1e9;
      });
    };
    const singleThread = at(1);
    const threaded = at(threads);
    return { shape: `${m}×${n}×${k}`, what, singleThread, threaded };
  });

  await tf.setBackend('cpu');
  registerFastCpuKernels();
  const t = (shape: number[], seed: number) => tf.tensor(seededValues(tf.util.sizeFromShape(shape), seed), shape);
  const x = t([32, 18, 18, 32], 3);
  const filter = t([3, 3, 32, 64], 4);
  const dy = t([32, 18, 18, 64], 5);
  const attrs = { strides: [1, 1], pad: 'same', dataFormat: 'NHWC', dilations: [1, 1] };
  const flops = 2 * 32 * 18 * 18 * 64 * 3 * 3 * 32;
  const cases: { kernel: string; inputs: NamedTensorMap; attrs: NamedAttrMap }[] = [
    { kernel: 'Conv2D', inputs: { x, filter }, attrs },
    { kernel: 'Conv2DBackpropFilter', inputs: { x, dy }, attrs: { ...attrs, filterShape: [3, 3, 32, 64] } },
    { kernel: 'Conv2DBackpropInput', inputs: { dy, filter }, attrs: { ...attrs, inputShape: [32, 18, 18, 32] } },
  ];
  const conv = cases.map((c) => {
    const seconds = medianSeconds(() => (tf.engine().runKernel(c.kernel, c.inputs, c.attrs) as Tensor).dispose());
    return { kernel: c.kernel, shape: 'wide-cnn conv2: 32×18×18×32 → 64, 3×3 same', gflops: flops / seconds / 1e9 };
  });
  return { threads, gemm: gemmRows, conv };
}
