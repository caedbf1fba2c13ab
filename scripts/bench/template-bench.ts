import * as tf from '@tensorflow/tfjs';
import { loadavg } from 'node:os';
import { analyzeGraph } from '../../src/shared/graph/analyze-graph';
import { TEMPLATES, type Template } from '../../src/shared/templates/index';
import type { BackendName } from '../../src/shared/training/train-config';
import { loadDataset } from '../../src/core/datasets/index';
import { selectBackend, type ActiveBackend } from '../../src/core/engine/backend';
import { buildModel } from '../../src/core/engine/build-model';
import { fuseLayers } from '../../src/core/engine/kernels/index';
import { lossFunction } from '../../src/core/engine/loss';
import { createOptimizer } from '../../src/core/engine/optimizer';

/** Samples per second of one template on one backend: the engine's model, optimizer and loss on the template's data. */
export interface TemplateThroughput {
  template: string;
  backend: ActiveBackend;
  batchSize: number;
  /** Median over repetitions of (batches × batch size) / wall seconds. */
  samplesPerSecond: number;
  /** The same per CPU second of this process: steadier than wall time on a shared machine. */
  samplesPerCpuSecond: number;
}

export interface TemplateBenchReport {
  results: TemplateThroughput[];
  /** fast `cpu` over `cpu-stock` (and `node` over `cpu` where tfjs-node loads), per template. */
  ratios: { template: string; cpuOverStock: number; cpuOverStockCpuTime: number; nodeOverCpu: number | null }[];
  backends: ActiveBackend[];
  unavailable: string[];
  batches: number;
  repetitions: number;
  loadAverage: number;
}

export interface TemplateBenchOptions {
  templates?: string[];
  /** Batches timed per repetition (default 10). */
  batches?: number;
  /** Timed repetitions after one warm-up (default 3); the median is reported. */
  repetitions?: number;
  log?: (line: string) => void;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Input and target tensors for `batches` batches of the template's own dataset (classification: one-hot). */
async function batchesOf(template: Template, batches: number): Promise<{ xs: tf.Tensor[]; ys: tf.Tensor[] }> {
  const data = await loadDataset(template.dataset);
  const { inputShape, classNames } = data.descriptor;
  const size = inputShape.reduce((a, b) => a * b, 1);
  const batch = template.training.batchSize;
  const xs: tf.Tensor[] = [];
  const ys: tf.Tensor[] = [];
  for (let b = 0; b < batches; b++) {
    const start = ((b * batch) % Math.max(1, data.count - batch)) | 0;
    const x = tf.tensor(data.x.subarray(start * size, (start + batch) * size), [batch, ...inputShape]);
    xs.push(x);
    if (template.task === 'autoencoder') ys.push(x.clone());
    else ys.push(tf.oneHot(tf.tensor1d(data.labels.subarray(start, start + batch), 'int32'), classNames.length));
  }
  return { xs, ys };
}

/** A backend whose first batch of a template takes longer is skipped for it (stock kernels on wide-cnn: minutes). */
const BATCH_BUDGET_SECONDS = 5;

async function measure(template: Template, backend: BackendName, batches: number, repetitions: number) {
  const active = await selectBackend(backend);
  const { xs, ys } = await batchesOf(template, batches);
  const model = buildModel(template.graph, { seed: 1 });
  if (active === 'cpu') fuseLayers(model); // as the engine trains it
  const optimizer = createOptimizer(template.training);
  const loss = lossFunction(template.training.loss);
  const step = (i: number) => {
    const cost = optimizer.minimize(() => loss(ys[i], model.apply(xs[i], { training: true }) as tf.Tensor), true);
    cost?.dataSync();
    cost?.dispose();
  };
  const wall: number[] = [];
  const cpu: number[] = [];
  const firstStart = performance.now();
  step(0);
  const firstSeconds = (performance.now() - firstStart) / 1000;
  if (firstSeconds > BATCH_BUDGET_SECONDS) {
    model.dispose();
    optimizer.dispose();
    tf.dispose([...xs, ...ys]);
    return { active, skipped: `one batch took ${firstSeconds.toFixed(0)} s (budget ${BATCH_BUDGET_SECONDS} s)` };
  }
  for (let r = 0; r <= repetitions; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < batches; i++) step(i);
    const seconds = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    if (r === 0) continue; // warm-up: first calls allocate and compile
    const samples = batches * template.training.batchSize;
    wall.push(samples / seconds);
    cpu.push(samples / ((c.user + c.system) / 1e6));
  }
  model.dispose();
  optimizer.dispose();
  tf.dispose([...xs, ...ys]);
  return { active, samplesPerSecond: median(wall), samplesPerCpuSecond: median(cpu) };
}

/**
 * Trains each template for a fixed number of batches on each available backend (`cpu-stock`, `cpu`, and `node`
 * where @tensorflow/tfjs-node loads), all in this one process and run, and reports samples/s and the ratios.
 */
export async function runTemplateBench(options: TemplateBenchOptions = {}): Promise<TemplateBenchReport> {
  const batches = options.batches ?? 10;
  const repetitions = options.repetitions ?? 3;
  const log = options.log ?? (() => {});
  const templates = TEMPLATES.filter((t) => options.templates?.includes(t.id) ?? true);
  const backends: BackendName[] = ['cpu-stock', 'cpu'];
  const unavailable: string[] = [];
  try {
    await selectBackend('node');
    backends.push('node');
  } catch (error) {
    unavailable.push(`node: ${error instanceof Error ? error.message : String(error)}`);
  }
  const results: TemplateThroughput[] = [];
  for (const template of templates) {
    if (analyzeGraph(template.graph).problems.some((p) => p.severity === 'error')) continue;
    for (const backend of backends) {
      const m = await measure(template, backend, batches, repetitions);
      if ('skipped' in m) {
        unavailable.push(`${template.id} on ${m.active}: skipped, ${m.skipped}`);
        log(`${template.id} on ${m.active}: skipped, ${m.skipped}`);
        continue;
      }
      results.push({
        template: template.id,
        backend: m.active,
        batchSize: template.training.batchSize,
        samplesPerSecond: m.samplesPerSecond,
        samplesPerCpuSecond: m.samplesPerCpuSecond,
      });
      log(`${template.id} on ${m.active}: ${m.samplesPerSecond.toFixed(0)} samples/s`);
    }
  }
  await selectBackend('cpu');
  const find = (t: string, b: ActiveBackend) => results.find((r) => r.template === t && r.backend === b);
  const ratios = templates.flatMap((t) => {
    const stock = find(t.id, 'cpu-stock');
    const fast = find(t.id, 'cpu');
    const node = find(t.id, 'node');
    if (!stock || !fast) return [];
    return [
      {
        template: t.id,
        cpuOverStock: fast.samplesPerSecond / stock.samplesPerSecond,
        cpuOverStockCpuTime: fast.samplesPerCpuSecond / stock.samplesPerCpuSecond,
        nodeOverCpu: node ? node.samplesPerSecond / fast.samplesPerSecond : null,
      },
    ];
  });
  return {
    results,
    ratios,
    backends: [...new Set(results.map((r) => r.backend))],
    unavailable,
    batches,
    repetitions,
    loadAverage: loadavg()[0],
  };
}

/** The report as aligned text. */
export function formatTemplateBench(r: TemplateBenchReport): string {
  const lines = [
    `Template training throughput, batch size from each template, ${r.batches} batches × ${r.repetitions} repetitions (median)`,
    `${'template'.padEnd(24)}${'cpu-stock'.padStart(12)}${'cpu'.padStart(12)}${'node'.padStart(12)}${'cpu/stock'.padStart(12)}${'(cpu time)'.padStart(12)}`,
  ];
  // every template measured on some backend (a template whose stock run was skipped still shows its cpu figure)
  for (const template of new Set(r.results.map((x) => x.template))) {
    const get = (b: ActiveBackend) => r.results.find((x) => x.template === template && x.backend === b);
    const cell = (b: ActiveBackend) => (get(b) ? get(b)!.samplesPerSecond.toFixed(0) : '—').padStart(12);
    const ratio = r.ratios.find((x) => x.template === template);
    const times = (x: number | undefined) => (x == null ? '—' : x.toFixed(1) + '×').padStart(12);
    lines.push(
      `${template.padEnd(24)}${cell('cpu-stock')}${cell('cpu')}${cell('node')}` +
        `${times(ratio?.cpuOverStock)}${times(ratio?.cpuOverStockCpuTime)}`,
    );
  }
  for (const u of r.unavailable) lines.push(`not measured — ${u}`);
  lines.push(
    `1-minute load average at the end: ${r.loadAverage.toFixed(1)} (other processes distort wall-clock figures)`,
  );
  return lines.join('\n');
}
