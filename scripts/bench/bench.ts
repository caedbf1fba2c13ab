/**
 * `npm run bench`: every figure from one run on this machine.
 *   1. each template trained for a fixed number of batches on cpu-stock, cpu (and node where installed): samples/s + ratios
 *   2. the fast kernels one by one at the course CNN's shapes, conv GFLOP/s against a measured JS multiply-add peak
 *   3. analyzeGraph on a 300-node graph (the editor runs it on every edit)
 * Flags: --json (one JSON object), --batches N, --repetitions N, --templates a,b
 */
import { spawnSync } from 'node:child_process';
import * as tf from '@tensorflow/tfjs';
import { parseFlagsOrExit } from '../../src/cli/parse-flags';
import { formatKernelBench, runKernelBench } from '../../src/core/engine/kernels/kernel-bench';
import { formatTemplateBench, runTemplateBench } from './template-bench';

const flags = parseFlagsOrExit('npm run bench', process.argv.slice(2), {
  json: 'boolean',
  batches: 'number',
  repetitions: 'number',
  templates: 'string',
});
const json = flags.json ?? false;
const log = (line: string) => process.stderr.write(`${line}\n`);

tf.enableProdMode();
const templates = await runTemplateBench({
  batches: flags.batches ?? 10,
  repetitions: flags.repetitions ?? 3,
  templates: flags.templates?.split(','),
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
