/**
 * `npm run bench`: every figure from one run on this machine.
 *   1. each template trained for a fixed number of batches on cpu-stock, cpu (and node where installed): samples/s + ratios
 *   2. the fast kernels one by one at the course CNN's shapes, conv GFLOP/s against a measured JS multiply-add peak
 *   3. analyzeGraph on a 300-node graph (the editor runs it on every edit)
 * Flags: --json (one JSON object), --batches N, --repetitions N, --templates a,b
 */
import { spawnSync } from 'node:child_process';
import * as tf from '@tensorflow/tfjs';
import { formatKernelBench, runKernelBench } from '../src/core/engine/kernels/kernel-bench';
import { formatTemplateBench, runTemplateBench } from '../src/core/engine/template-bench';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const json = process.argv.includes('--json');
const log = (line: string) => process.stderr.write(`${line}\n`);

tf.enableProdMode();
const templates = await runTemplateBench({
  batches: Number(flag('--batches') ?? 10),
  repetitions: Number(flag('--repetitions') ?? 3),
  templates: flag('--templates')?.split(','),
  log,
});
const kernels = await runKernelBench({ models: [], log });
const graph = spawnSync(process.execPath, ['--import', 'tsx', new URL('./bench-graph.ts', import.meta.url).pathname], {
  encoding: 'utf8',
});
if (json) {
  console.log(JSON.stringify({ templates, kernels, graph: graph.stdout.trim().split('\n') }));
} else {
  console.log(formatTemplateBench(templates));
  console.log();
  console.log(formatKernelBench(kernels));
  console.log();
  console.log(graph.stdout.trim());
}
