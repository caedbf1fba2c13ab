/**
 * `npm run bench:ops`: where a training step's time goes, kernel by kernel, for the models bench:peer compares
 * (Adam, batch 32, 36×36×1 inputs, 5 classes, trained as the engine trains them on the `cpu` backend).
 *
 * Every kernel registered on the cpu backend is wrapped to add up its calls, wall time and this process's CPU time
 * (user + system, worker threads included), after a warm-up; what no kernel accounts for is tfjs's own work
 * (the gradient tape, tensor bookkeeping, the optimizer's JS). CPU time is the steadier figure on a busy machine.
 *
 *   npm run bench:ops [-- --models feed-forward,cnn,wide-cnn] [--batches N] [--threads N] [--backend cpu|cpu-stock]
 */
import * as tf from '@tensorflow/tfjs';
import type { KernelConfig, Tensor } from '@tensorflow/tfjs';
import { parseFlagsOrExit } from '../../src/cli/parse-flags';
import { selectBackend } from '../../src/core/engine/backend';
import { buildModel } from '../../src/core/engine/build-model';
import { fuseLayers } from '../../src/core/engine/kernels/index';
import { wasmKernels } from '../../src/core/engine/kernels/wasm/wasm-kernels';
import { lossFunction } from '../../src/core/engine/loss';
import { createOptimizer } from '../../src/core/engine/optimizer';
import { getTemplate } from '../../src/shared/templates/index';

const MODELS = ['feed-forward', 'cnn', 'wide-cnn'];
const BATCH = 32;

const flags = parseFlagsOrExit('npm run bench:ops', process.argv.slice(2), {
  models: 'string',
  batches: 'number',
  threads: 'number',
  backend: 'string',
});
const models = flags.models?.split(',') ?? MODELS;
for (const m of models) {
  if (!MODELS.includes(m)) {
    console.error(`bench:ops: unknown model "${m}" (one of ${MODELS.join(', ')})`);
    process.exit(2);
  }
}
const backend = flags.backend ?? 'cpu';
if (backend !== 'cpu' && backend !== 'cpu-stock') {
  console.error(`bench:ops: --backend takes cpu or cpu-stock, got "${backend}"`);
  process.exit(2);
}
const batches = flags.batches ?? 10;
if (!Number.isInteger(batches) || batches < 1) {
  console.error(`bench:ops: --batches needs a positive integer, got ${batches}`);
  process.exit(2);
}

interface OpTotals {
  calls: number;
  wallMs: number;
  cpuMs: number;
}

const totals = new Map<string, OpTotals>();
let depth = 0;

/** Wraps every cpu kernel so its outermost calls add to `totals` (a kernel calling another counts once). */
function instrumentKernels(): void {
  for (const config of tf.getKernelsForBackend('cpu')) {
    const inner = config.kernelFunc;
    const kernelFunc = ((args: never) => {
      if (depth > 0) return inner(args);
      depth++;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      try {
        return inner(args);
      } finally {
        const c = process.cpuUsage(c0);
        const entry = totals.get(config.kernelName) ?? { calls: 0, wallMs: 0, cpuMs: 0 };
        entry.calls++;
        entry.wallMs += performance.now() - t0;
        entry.cpuMs += (c.user + c.system) / 1000;
        totals.set(config.kernelName, entry);
        depth--;
      }
    }) as KernelConfig['kernelFunc'];
    tf.unregisterKernel(config.kernelName, 'cpu');
    tf.registerKernel({ ...config, kernelFunc });
  }
}

tf.enableProdMode();
const active = await selectBackend(backend);
if (flags.threads != null) wasmKernels()?.configure({ threads: flags.threads });
instrumentKernels();
let s = 7;
const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
const xs = tf.tensor(Float32Array.from({ length: BATCH * 1296 }, rand), [BATCH, 36, 36, 1]);
const ys = tf.oneHot(
  tf.tensor1d(
    Int32Array.from({ length: BATCH }, () => Math.floor(rand() * 5)),
    'int32',
  ),
  5,
);

console.log(`backend ${active}, ${wasmKernels()?.threads ?? 1} kernel thread(s), ${batches} batches of ${BATCH}`);
for (const model of models) {
  const template = getTemplate(model)!;
  const net = buildModel(template.graph, { seed: 1 });
  if (active === 'cpu') fuseLayers(net);
  const optimizer = createOptimizer({ ...template.training, optimizer: 'adam', learningRate: 0.001 });
  const loss = lossFunction(template.training.loss);
  const step = () => {
    const cost = optimizer.minimize(() => loss(ys, net.apply(xs, { training: true }) as Tensor), true);
    cost!.dataSync();
    cost!.dispose();
  };
  for (let i = 0; i < 3; i++) step(); // warm-up: JIT, the optimizer's slots, the heap's blocks
  totals.clear();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < batches; i++) step();
  const wallMs = (performance.now() - t0) / batches;
  const c = process.cpuUsage(c0);
  const cpuMs = (c.user + c.system) / 1000 / batches;
  const rows = [...totals].sort((a, b) => b[1].cpuMs - a[1].cpuMs);
  const kernelCpu = rows.reduce((sum, [, t]) => sum + t.cpuMs, 0) / batches;
  const kernelWall = rows.reduce((sum, [, t]) => sum + t.wallMs, 0) / batches;
  console.log(`\n${model}: ${wallMs.toFixed(1)} ms wall, ${cpuMs.toFixed(1)} ms CPU per step`);
  console.log('kernel                          calls/step  wall ms  CPU ms  CPU %');
  const line = (name: string, calls: string, wall: number, cpu: number) =>
    console.log(
      `${name.padEnd(32)}${calls.padStart(10)}${wall.toFixed(2).padStart(9)}${cpu.toFixed(2).padStart(8)}` +
        `${((100 * cpu) / cpuMs).toFixed(1).padStart(7)}`,
    );
  for (const [name, t] of rows) {
    line(name, (t.calls / batches).toFixed(0), t.wallMs / batches, t.cpuMs / batches);
  }
  line('(outside kernels)', '', wallMs - kernelWall, cpuMs - kernelCpu);
  optimizer.dispose();
  net.dispose();
}
process.exit(0); // the kernels' idle worker threads need no orderly shutdown
