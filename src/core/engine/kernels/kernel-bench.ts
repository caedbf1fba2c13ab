import * as tf from '@tensorflow/tfjs';
import type { NamedAttrMap, NamedTensorMap } from '@tensorflow/tfjs';
import { loadavg } from 'node:os';
import { courseCnn, courseMlp, maxoutMlp, syntheticImages } from './course-models';
import { fastKernelsActive, registerFastCpuKernels, unregisterFastCpuKernels } from './registry';
import { seededValues } from './stock-comparison';

/** One kernel at one real shape: median milliseconds per call through the engine, stock vs fast. */
export interface KernelTiming {
  kernel: string;
  shape: string;
  stockMs: number;
  fastMs: number;
  speedup: number;
  /** Median CPU time of this process per call (user + system): steadier than wall time on a busy machine. */
  stockCpuMs: number;
  fastCpuMs: number;
  cpuSpeedup: number;
}

export interface TrainingThroughput {
  model: 'course-cnn' | 'feed-forward' | 'maxout-mlp';
  /** Median over repetitions of samples per second of `fit`, batch 32, a fixed number of batches. */
  stockSamplesPerSecond: number;
  fastSamplesPerSecond: number;
  speedup: number;
  /** Samples per second of this process's CPU time: what the figure would be with the cores to ourselves. */
  stockSamplesPerCpuSecond: number;
  fastSamplesPerCpuSecond: number;
  cpuSpeedup: number;
}

export interface ConvFlops {
  kernel: string;
  /** 2·N·Ho·Wo·Cout·Kh·Kw·Cin */
  flops: number;
  fastGflops: number;
  stockGflops: number;
  /** From CPU time rather than wall time. */
  fastCpuGflops: number;
}

export interface KernelBenchReport {
  kernels: KernelTiming[];
  training: TrainingThroughput[];
  conv: ConvFlops[];
  /** GFLOP/s (per CPU second) of a tight JS Float32Array multiply-add loop: the ceiling for JS kernels. */
  peakJsGflops: number;
  /** Training settings used for the throughput figures. */
  batches: number;
  repetitions: number;
  /** 1-minute load average when the run ended: other processes on the machine distort every figure. */
  loadAverage: number;
}

export interface KernelBenchOptions {
  /** Batches of 32 per timed training repetition (default 8). */
  batches?: number;
  /** Timed repetitions per model and kernel set, after one warm-up (default 3). */
  repetitions?: number;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
  /** Which training models to measure (default: all three). */
  models?: TrainingThroughput['model'][];
  /** Skip the per-kernel timings (and the conv GFLOP/s derived from them). */
  skipKernels?: boolean;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

interface Timing {
  wallMs: number;
  cpuMs: number;
}

/** Wall and CPU milliseconds of one call of `f`. */
function timeOnce(f: () => void): Timing {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  f();
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wallMs, cpuMs: (c.user + c.system) / 1000 };
}

/** Median wall and CPU ms of `f`, after a warm-up; at least 3 runs, more for fast calls (~0.3 s of measuring). */
function timeMedian(f: () => void): Timing {
  f();
  const runs: Timing[] = [];
  let spent = 0;
  while (runs.length < 3 || (spent < 300 && runs.length < 40)) {
    const t = timeOnce(f);
    runs.push(t);
    spent += t.wallMs;
  }
  return { wallMs: median(runs.map((r) => r.wallMs)), cpuMs: median(runs.map((r) => r.cpuMs)) };
}

function withKernels<T>(fast: boolean, f: () => T): T {
  if (fast) registerFastCpuKernels();
  else unregisterFastCpuKernels();
  return f();
}

interface KernelCase {
  kernel: string;
  shape: string;
  inputs: () => NamedTensorMap;
  attrs: NamedAttrMap;
}

/** The kernels training the course models runs, at the shapes it runs them (batch 32). */
function kernelCases(): KernelCase[] {
  const t = (shape: number[], seed: number) => () => tf.tensor(seededValues(tf.util.sizeFromShape(shape), seed), shape);
  const conv = { strides: [1, 1], pad: 'same', dataFormat: 'NHWC' };
  const pool = { filterSize: [2, 2], strides: [2, 2], pad: 'valid' };
  const x = t([32, 36, 36, 1], 1);
  const w = t([5, 5, 1, 4], 2);
  const convOut = t([32, 36, 36, 4], 3);
  const poolOut = t([32, 18, 18, 4], 4);
  const flat = t([32, 1296], 5);
  const cases: KernelCase[] = [
    {
      kernel: 'Conv2D',
      shape: 'x 32×36×36×1, filter 5×5×1×4, same',
      inputs: () => ({ x: x(), filter: w() }),
      attrs: { ...conv, dilations: [1, 1] },
    },
    {
      kernel: 'Conv2DBackpropFilter',
      shape: 'x 32×36×36×1, dy 32×36×36×4',
      inputs: () => ({ x: x(), dy: convOut() }),
      attrs: { ...conv, filterShape: [5, 5, 1, 4] },
    },
    {
      kernel: 'Conv2DBackpropInput',
      shape: 'dy 32×36×36×4, filter 5×5×1×4',
      inputs: () => ({ dy: convOut(), filter: w() }),
      attrs: { ...conv, inputShape: [32, 36, 36, 1] },
    },
    { kernel: 'MaxPool', shape: '32×36×36×4, 2×2/2', inputs: () => ({ x: convOut() }), attrs: pool },
    {
      kernel: 'MaxPoolGrad',
      shape: '32×36×36×4, 2×2/2',
      inputs: () => {
        const input = convOut();
        return { dy: poolOut(), input, output: tf.maxPool(input as tf.Tensor4D, 2, 2, 'valid') };
      },
      attrs: pool,
    },
    { kernel: 'AvgPool', shape: '32×36×36×4, 2×2/2', inputs: () => ({ x: convOut() }), attrs: pool },
    {
      kernel: 'AvgPoolGrad',
      shape: '32×36×36×4, 2×2/2',
      inputs: () => ({ dy: poolOut(), input: convOut() }),
      attrs: pool,
    },
    {
      kernel: 'BatchMatMul',
      shape: '32×1296 · 1296×128',
      inputs: () => ({ a: flat(), b: t([1296, 128], 6)() }),
      attrs: { transposeA: false, transposeB: false },
    },
    {
      kernel: 'BatchMatMul',
      shape: '(32×1296)ᵀ · 32×128 (dW)',
      inputs: () => ({ a: flat(), b: t([32, 128], 7)() }),
      attrs: { transposeA: true, transposeB: false },
    },
    {
      kernel: 'BatchMatMul',
      shape: '32×32 · (1296×32)ᵀ (dx)',
      inputs: () => ({ a: t([32, 32], 8)(), b: t([1296, 32], 9)() }),
      attrs: { transposeA: false, transposeB: true },
    },
    {
      kernel: '_FusedMatMul',
      shape: '32×1296 · 1296×32 + bias, relu',
      inputs: () => ({ a: flat(), b: t([1296, 32], 10)(), bias: t([32], 11)() }),
      attrs: { transposeA: false, transposeB: false, activation: 'relu' },
    },
    { kernel: 'Relu', shape: '32×36×36×4', inputs: () => ({ x: convOut() }), attrs: {} },
    { kernel: 'Step', shape: '32×36×36×4', inputs: () => ({ x: convOut() }), attrs: { alpha: 0 } },
    { kernel: 'Sigmoid', shape: '32×128', inputs: () => ({ x: t([32, 128], 12)() }), attrs: {} },
    {
      kernel: 'Multiply',
      shape: '1296×128 · 1296×128 (Adam)',
      inputs: () => ({ a: t([1296, 128], 13)(), b: t([1296, 128], 14)() }),
      attrs: {},
    },
    {
      kernel: 'Add',
      shape: '32×128 + 128 (bias)',
      inputs: () => ({ a: t([32, 128], 15)(), b: t([128], 16)() }),
      attrs: {},
    },
    {
      kernel: 'RealDiv',
      shape: '1296×128 / 1296×128 (Adam)',
      inputs: () => ({ a: t([1296, 128], 17)(), b: t([1296, 128], 18)() }),
      attrs: {},
    },
    {
      kernel: 'Sum',
      shape: '32×128 over axis 0 (bias grad)',
      inputs: () => ({ x: t([32, 128], 19)() }),
      attrs: { axis: [0], keepDims: false },
    },
    {
      kernel: 'GatherV2',
      shape: '32 rows of 2790×1296 (fit batch)',
      inputs: () => ({
        x: t([2790, 1296], 20)(),
        indices: tf.tensor1d(
          Array.from({ length: 32 }, (_, i) => (i * 83) % 2790),
          'int32',
        ),
      }),
      attrs: { axis: 0, batchDims: 0 },
    },
  ];
  return cases;
}

function timeKernel(c: KernelCase, fast: boolean): Timing {
  const inputs = c.inputs();
  const timing = withKernels(fast, () =>
    timeMedian(() => {
      const out = tf.engine().runKernel(c.kernel, inputs, c.attrs) as tf.Tensor;
      out.dispose();
    }),
  );
  tf.dispose(Object.values(inputs));
  return timing;
}

async function samplesPerSecond(
  build: () => tf.LayersModel,
  xs: tf.Tensor,
  ys: tf.Tensor,
  fast: boolean,
  repetitions: number,
): Promise<{ wall: number; cpu: number }> {
  if (fast) registerFastCpuKernels();
  else unregisterFastCpuKernels();
  const model = build();
  model.compile({ optimizer: tf.train.adam(), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r <= repetitions; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await model.fit(xs, ys, { epochs: 1, batchSize: 32, verbose: 0 });
    const seconds = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    if (r === 0) continue; // repetition 0 warms up the JIT and the optimizer's slots
    wall.push(xs.shape[0] / seconds);
    cpu.push(xs.shape[0] / ((c.user + c.system) / 1e6));
  }
  model.dispose();
  return { wall: median(wall), cpu: median(cpu) };
}

/**
 * GFLOP/s of a register-resident multiply-add loop over an L1-sized Float32Array (4 independent sums), from
 * CPU time so that other processes on the machine don't lower the ceiling.
 */
export function measurePeakJsGflops(): number {
  const n = 4096;
  const a = seededValues(n, 1);
  const b = seededValues(n, 2);
  const kernel = (): number => {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let i = 0; i < n; i += 4) {
      s0 += a[i] * b[i];
      s1 += a[i + 1] * b[i + 1];
      s2 += a[i + 2] * b[i + 2];
      s3 += a[i + 3] * b[i + 3];
    }
    return s0 + s1 + s2 + s3;
  };
  const reps = 2000;
  let sink = 0;
  const runs: number[] = [];
  for (let r = 0; r < 7; r++) {
    const c0 = process.cpuUsage();
    for (let i = 0; i < reps; i++) sink += kernel();
    const c = process.cpuUsage(c0);
    runs.push((c.user + c.system) / 1000);
  }
  if (Number.isNaN(sink)) throw new Error('peak loop produced NaN');
  // best run: the figure is a ceiling, so the least disturbed measurement is the honest one
  return (2 * n * reps) / (Math.min(...runs) * 1e6);
}

/** Runs every measurement; leaves the kernel registration as it found it. */
export async function runKernelBench(options: KernelBenchOptions = {}): Promise<KernelBenchReport> {
  const batches = options.batches ?? 8;
  const repetitions = options.repetitions ?? 3;
  const log = options.log ?? (() => {});
  const wasActive = fastKernelsActive();
  await tf.setBackend('cpu');
  try {
    const kernels: KernelTiming[] = [];
    for (const c of options.skipKernels ? [] : kernelCases()) {
      const stock = timeKernel(c, false);
      const fast = timeKernel(c, true);
      kernels.push({
        kernel: c.kernel,
        shape: c.shape,
        stockMs: stock.wallMs,
        fastMs: fast.wallMs,
        speedup: stock.wallMs / fast.wallMs,
        stockCpuMs: stock.cpuMs,
        fastCpuMs: fast.cpuMs,
        cpuSpeedup: stock.cpuMs / fast.cpuMs,
      });
      log(`kernel ${c.kernel} (${c.shape}): ${stock.wallMs.toFixed(2)} → ${fast.wallMs.toFixed(2)} ms`);
    }

    const count = batches * 32;
    const { xs, ys } = syntheticImages(count, 7);
    const flat = xs.reshape([count, 1296]);
    const models: [TrainingThroughput['model'], () => tf.LayersModel, tf.Tensor][] = [
      ['course-cnn', () => courseCnn({ seed: 1 }), xs],
      ['feed-forward', () => courseMlp({ seed: 1 }), flat],
      ['maxout-mlp', () => maxoutMlp({ seed: 1 }), flat],
    ];
    const training: TrainingThroughput[] = [];
    for (const [model, build, input] of models.filter(([name]) => options.models?.includes(name) ?? true)) {
      const stock = await samplesPerSecond(build, input, ys, false, repetitions);
      const fast = await samplesPerSecond(build, input, ys, true, repetitions);
      training.push({
        model,
        stockSamplesPerSecond: stock.wall,
        fastSamplesPerSecond: fast.wall,
        speedup: fast.wall / stock.wall,
        stockSamplesPerCpuSecond: stock.cpu,
        fastSamplesPerCpuSecond: fast.cpu,
        cpuSpeedup: fast.cpu / stock.cpu,
      });
      log(`training ${model}: ${stock.wall.toFixed(1)} → ${fast.wall.toFixed(1)} samples/s`);
    }
    tf.dispose([xs, ys, flat]);

    const convFlops = 2 * 32 * 36 * 36 * 4 * 5 * 5 * 1;
    const conv = ['Conv2D', 'Conv2DBackpropFilter', 'Conv2DBackpropInput'].flatMap((kernel) => {
      const k = kernels.find((t) => t.kernel === kernel);
      if (k == null) return [];
      return [
        {
          kernel,
          flops: convFlops,
          fastGflops: convFlops / (k.fastMs * 1e6),
          stockGflops: convFlops / (k.stockMs * 1e6),
          fastCpuGflops: convFlops / (k.fastCpuMs * 1e6),
        },
      ];
    });
    const peakJsGflops = measurePeakJsGflops();
    return { kernels, training, conv, peakJsGflops, batches, repetitions, loadAverage: loadavg()[0] };
  } finally {
    if (wasActive) registerFastCpuKernels();
    else unregisterFastCpuKernels();
  }
}

const pad = (s: string, n: number) => s.padEnd(n);
const num = (x: number, digits = 2) => x.toFixed(digits).padStart(10);

/** The report as aligned text tables. */
export function formatKernelBench(r: KernelBenchReport): string {
  const lines: string[] = [];
  lines.push('Kernels at the course CNN / MLP shapes (median ms per call through the tfjs engine: wall, and CPU time)');
  lines.push(
    `${pad('kernel', 22)}${pad('shape', 36)}${'stock'.padStart(10)}${'fast'.padStart(10)}${'speed-up'.padStart(11)}${'stock cpu'.padStart(10)}${'fast cpu'.padStart(10)}${'cpu x'.padStart(11)}`,
  );
  for (const k of r.kernels) {
    lines.push(
      `${pad(k.kernel, 22)}${pad(k.shape, 36)}${num(k.stockMs)}${num(k.fastMs)}${num(k.speedup, 1)}×${num(k.stockCpuMs)}${num(k.fastCpuMs)}${num(k.cpuSpeedup, 1)}×`,
    );
  }
  lines.push('');
  if (r.training.length > 0)
    lines.push(
      `Training throughput (samples/s, batch 32, ${r.batches} batches per repetition, median of ${r.repetitions})`,
    );
  if (r.training.length > 0)
    lines.push(
      `${pad('model', 22)}${'stock'.padStart(10)}${'fast'.padStart(10)}${'speed-up'.padStart(11)}${'stock/cpu-s'.padStart(12)}${'fast/cpu-s'.padStart(12)}${'cpu x'.padStart(11)}`,
    );
  for (const t of r.training) {
    lines.push(
      `${pad(t.model, 22)}${num(t.stockSamplesPerSecond, 1)}${num(t.fastSamplesPerSecond, 1)}${num(t.speedup, 1)}×${num(t.stockSamplesPerCpuSecond, 1).padStart(12)}${num(t.fastSamplesPerCpuSecond, 1).padStart(12)}${num(t.cpuSpeedup, 1)}×`,
    );
  }
  lines.push('');
  lines.push(`Conv layer arithmetic (peak: tight JS multiply-add loop = ${r.peakJsGflops.toFixed(2)} GFLOP/s)`);
  lines.push('(% of peak compares CPU-time GFLOP/s with the CPU-time peak)');
  lines.push(
    `${pad('kernel', 22)}${'MFLOP'.padStart(10)}${'stock GF/s'.padStart(12)}${'fast GF/s'.padStart(12)}${'% of peak'.padStart(10)}${'fast cpu GF/s'.padStart(15)}`,
  );
  for (const c of r.conv) {
    lines.push(
      `${pad(c.kernel, 22)}${num(c.flops / 1e6, 1)}${num(c.stockGflops, 3).padStart(12)}${num(c.fastGflops, 3).padStart(12)}${num((100 * c.fastCpuGflops) / r.peakJsGflops, 0)}%${num(c.fastCpuGflops, 3).padStart(15)}`,
    );
  }
  lines.push('');
  lines.push(
    `1-minute load average at the end: ${r.loadAverage.toFixed(2)} (2 cores; >2 means the figures are disturbed)`,
  );
  return lines.join('\n');
}
