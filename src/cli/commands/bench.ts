import type { CliIo } from '../cli-io';
import { parseFlags } from '../parse-flags';

/**
 * `layerlab bench [--json]`: the fast-kernels benchmark (stock vs project kernels, training throughput of the course
 * models), the same report as `npx tsx scripts/bench-kernels.ts`.
 */
export async function benchCommand(args: string[], io: CliIo): Promise<number> {
  const flags = parseFlags('bench', args, { json: 'boolean' });
  const tf = await import('@tensorflow/tfjs');
  tf.enableProdMode();
  const { formatKernelBench, runKernelBench } = await import('../../main/engine/kernels/kernel-bench');
  const report = await runKernelBench({ log: io.err });
  io.out(flags.json ? JSON.stringify(report) : formatKernelBench(report));
  return 0;
}
