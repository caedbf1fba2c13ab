/**
 * `npm run bench:peer`: LayerLab's `cpu` backend against PyTorch CPU on the same machine, in one run.
 *
 * For each of the three models (the course's feed-forward net and CNN, and the `wide-cnn` template): samples per
 * second of training (Adam, batch 32, 36×36×1 inputs, 5 classes; forward, loss, backward and update per batch,
 * median over repetitions after a warm-up), per CPU second, and the peak RSS of the process that trained it (each
 * model trains in a fresh process). PyTorch runs where a `python3` with `torch` is found (LAYERLAB_PYTHON, then
 * `python3` on PATH, then /usr/bin/python3), with 2 threads unless --torch-threads says otherwise; it is skipped with
 * a message elsewhere. Then GFLOP/s of LayerLab's GEMM and conv kernels against torch.mm (OpenBLAS where Debian's
 * python3-torch finds libopenblas), and the machine's load, so a reader can tell a disturbed run.
 *
 *   npm run bench:peer [-- --batches N] [--repetitions N] [--models a,b] [--backends cpu,cpu-stock]
 *                         [--torch-threads N] [--json]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Tensor } from '@tensorflow/tfjs';
import { GEMM_SHAPES, type KernelGflops } from './kernel-gflops';

const MODELS = ['feed-forward', 'cnn', 'wide-cnn'] as const;
type ModelId = (typeof MODELS)[number];
const BATCH = 32;

export interface ModelResult {
  model: string;
  params?: number;
  samplesPerSecond: number;
  samplesPerCpuSecond: number;
  peakRssMB: number;
}

interface Options {
  batches: number;
  repetitions: number;
  models: ModelId[];
  backends: string[];
  torchThreads: number;
  json: boolean;
}

function fail(message: string): never {
  console.error(`bench:peer: ${message}`);
  process.exit(2);
}

function parseOptions(argv: string[]): Options {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const positive = (name: string, fallback: number): number => {
    const raw = value(name);
    if (raw == null) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) fail(`${name} needs a positive integer, got "${raw}"`);
    return n;
  };
  const models = (value('--models')?.split(',') ?? [...MODELS]) as ModelId[];
  for (const m of models) if (!MODELS.includes(m)) fail(`unknown model "${m}" (one of ${MODELS.join(', ')})`);
  const backends = value('--backends')?.split(',') ?? ['cpu'];
  for (const b of backends) if (b !== 'cpu' && b !== 'cpu-stock') fail(`--backends takes cpu and/or cpu-stock`);
  return {
    batches: positive('--batches', 20),
    repetitions: positive('--repetitions', 3),
    models,
    backends,
    torchThreads: positive('--torch-threads', 2),
    json: argv.includes('--json'),
  };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** Child mode: trains one template model on one backend and prints one JSON line. */
async function trainChild(model: ModelId, backend: string, batches: number, repetitions: number): Promise<void> {
  const tf = await import('@tensorflow/tfjs');
  const { getTemplate } = await import('../../src/shared/templates/index');
  const { selectBackend } = await import('../../src/core/engine/backend');
  const { buildModel } = await import('../../src/core/engine/build-model');
  const { createOptimizer } = await import('../../src/core/engine/optimizer');
  const { lossFunction } = await import('../../src/core/engine/loss');
  const { fuseLayers } = await import('../../src/core/engine/kernels/index');
  tf.enableProdMode();
  const template = getTemplate(model)!;
  const active = await selectBackend(backend as 'cpu' | 'cpu-stock');
  // seeded uniform pixels and labels: throughput does not depend on the values
  let s = 7;
  const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const xs = Array.from({ length: batches }, () =>
    tf.tensor(Float32Array.from({ length: BATCH * 1296 }, rand), [BATCH, 36, 36, 1]),
  );
  const ys = Array.from({ length: batches }, () =>
    tf.oneHot(
      tf.tensor1d(
        Int32Array.from({ length: BATCH }, () => Math.floor(rand() * 5)),
        'int32',
      ),
      5,
    ),
  );
  const net = buildModel(template.graph, { seed: 1 });
  if (active === 'cpu') fuseLayers(net); // as the engine trains it
  const optimizer = createOptimizer({ ...template.training, optimizer: 'adam', learningRate: 0.001 });
  const loss = lossFunction(template.training.loss);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r <= repetitions; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < batches; i++) {
      const cost = optimizer.minimize(() => loss(ys[i], net.apply(xs[i], { training: true }) as Tensor), true);
      cost!.dataSync();
      cost!.dispose();
    }
    const seconds = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    if (r === 0) continue; // warm-up: JIT, first allocations, the optimizer's slots
    wall.push((batches * BATCH) / seconds);
    cpu.push((batches * BATCH) / ((c.user + c.system) / 1e6));
  }
  const result: ModelResult = {
    model,
    params: net.countParams(),
    samplesPerSecond: median(wall),
    samplesPerCpuSecond: median(cpu),
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  };
  console.log(JSON.stringify(result));
  process.exit(0); // the kernels' idle worker threads need no orderly shutdown
}

/** GFLOP/s of LayerLab's kernels at the models' shapes (child mode, one JSON line). */
async function kernelChild(): Promise<void> {
  const { measureKernelGflops } = await import('./kernel-gflops');
  console.log(JSON.stringify(await measureKernelGflops()));
  process.exit(0);
}

const self = fileURLToPath(import.meta.url);

function runChild(args: string[]): unknown {
  const r = spawnSync(process.execPath, ['--import', 'tsx', self, ...args], { encoding: 'utf8' });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line);
  } catch {
    throw new Error(`bench child ${args.join(' ')} failed (exit ${r.status}): ${r.stderr.slice(-2000)}`);
  }
}

/** The first python3 that imports torch, or why none does. */
function findTorchPython(): { python: string; version: string } | { missing: string } {
  const candidates = [process.env.LAYERLAB_PYTHON, 'python3', '/usr/bin/python3'].filter((c): c is string => !!c);
  for (const python of candidates) {
    try {
      const version = execFileSync(python, ['-c', 'import torch; print(torch.__version__)'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
      return { python, version };
    } catch {
      // not this one
    }
  }
  return {
    missing: `no python3 with torch found (tried ${candidates.join(', ')}; Debian: apt-get install python3-torch)`,
  };
}

const PEER_SCRIPT = fileURLToPath(new URL('./peer.py', import.meta.url));

function runTorch(python: string, args: string[]): unknown {
  const out = execFileSync(python, [PEER_SCRIPT, ...args], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') return trainChild(argv[1] as ModelId, argv[2], Number(argv[3]), Number(argv[4]));
  if (argv[0] === '--kernels') return kernelChild();
  const o = parseOptions(argv);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const load0 = loadavg()[0];

  const layerlab: Record<string, Record<string, ModelResult>> = {};
  for (const backend of o.backends) {
    layerlab[backend] = {};
    for (const model of o.models) {
      log(`LayerLab ${backend}: ${model}…`);
      const args = ['--child', model, backend, String(o.batches), String(o.repetitions)];
      layerlab[backend][model] = runChild(args) as ModelResult;
    }
  }
  const torchFound = findTorchPython();
  const torch: Record<string, ModelResult> = {};
  let torchGemm: { shape: string; gflops: number }[] = [];
  if ('python' in torchFound) {
    for (const model of o.models) {
      log(`PyTorch ${torchFound.version}: ${model}…`);
      const args = [model, String(o.batches), String(o.repetitions), String(o.torchThreads)];
      torch[model] = runTorch(torchFound.python, args) as ModelResult;
    }
    const shapes = GEMM_SHAPES.map((s) => `${s.m},${s.n},${s.k}`);
    torchGemm = runTorch(torchFound.python, ['--gemm', String(o.torchThreads), ...shapes]) as typeof torchGemm;
  }
  log('LayerLab kernels: GFLOP/s…');
  const kernels = runChild(['--kernels']) as KernelGflops;
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    loadAverageStart: load0,
    loadAverageEnd: loadavg()[0],
    node: process.version,
  };
  const report = {
    options: o,
    machine,
    layerlab,
    torch: 'python' in torchFound ? { version: torchFound.version, threads: o.torchThreads, models: torch } : null,
    torchSkipped: 'missing' in torchFound ? torchFound.missing : null,
    kernels,
    torchGemm,
  };
  if (o.json) {
    console.log(JSON.stringify(report));
    return;
  }
  const lines: string[] = [];
  const col = (s: string | number, w = 12) => String(s).padStart(w);
  lines.push(
    `Training throughput: samples/s (Adam, batch ${BATCH}, ${o.batches} batches × ${o.repetitions} repetitions, median)`,
  );
  const backends = o.backends;
  lines.push(
    `${'model'.padEnd(14)}${backends.map((b) => col(`LayerLab ${b}`, 18)).join('')}${col('PyTorch', 12)}${col('ratio', 8)}` +
      `${col('(cpu-time)', 12)}${backends.map((b) => col(`RSS ${b}`, 14)).join('')}${col('RSS torch', 12)}`,
  );
  for (const model of o.models) {
    const ours = layerlab[backends[0]][model];
    const peer = torch[model];
    const ratio = peer ? (ours.samplesPerSecond / peer.samplesPerSecond).toFixed(2) : '—';
    const cpuRatio = peer ? (ours.samplesPerCpuSecond / peer.samplesPerCpuSecond).toFixed(2) : '—';
    lines.push(
      `${model.padEnd(14)}${backends.map((b) => col(layerlab[b][model].samplesPerSecond.toFixed(0), 18)).join('')}` +
        `${col(peer ? peer.samplesPerSecond.toFixed(0) : '—')}${col(ratio, 8)}${col(cpuRatio)}` +
        `${backends.map((b) => col(`${layerlab[b][model].peakRssMB.toFixed(0)} MB`, 14)).join('')}` +
        `${col(peer ? `${peer.peakRssMB.toFixed(0)} MB` : '—')}`,
    );
  }
  lines.push(
    `ratio = LayerLab ${backends[0]} / PyTorch, wall clock; (cpu-time) = the same per CPU second of each process`,
  );
  if (report.torch)
    lines.push(
      `PyTorch ${report.torch.version}, ${report.torch.threads} threads (${torchFound && 'python' in torchFound ? torchFound.python : ''})`,
    );
  else lines.push(`PyTorch skipped: ${report.torchSkipped}`);
  lines.push('');
  lines.push(
    `GEMM GFLOP/s: LayerLab wasm (1 thread, ${kernels.threads} threads) vs torch.mm (${o.torchThreads} threads)`,
  );
  lines.push(
    `${'shape M×N×K'.padEnd(18)}${'what'.padEnd(40)}${col('1 thread', 10)}${col('threads', 10)}${col('torch.mm', 10)}${col('ratio', 8)}`,
  );
  kernels.gemm.forEach((g, i) => {
    const t = torchGemm[i]?.gflops;
    lines.push(
      `${g.shape.padEnd(18)}${g.what.padEnd(40)}${col(g.singleThread.toFixed(1), 10)}${col(g.threaded.toFixed(1), 10)}` +
        `${col(t ? t.toFixed(1) : '—', 10)}${col(t ? (g.threaded / t).toFixed(2) : '—', 8)}`,
    );
  });
  lines.push('');
  lines.push('Conv kernels through tfjs (GFLOP/s incl. copies in and out of wasm memory, all threads)');
  for (const c of kernels.conv)
    lines.push(`${c.kernel.padEnd(24)}${c.shape.padEnd(40)}${col(c.gflops.toFixed(1), 10)}`);
  lines.push('');
  lines.push(
    `machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}; 1-minute load average ` +
      `${machine.loadAverageStart.toFixed(2)} at the start, ${machine.loadAverageEnd.toFixed(2)} at the end ` +
      `(above ${machine.cores} the figures are disturbed by other processes)`,
  );
  console.log(lines.join('\n'));
}

await main();
