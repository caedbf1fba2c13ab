import type { CliIo } from '../cli-io';
import { parseFlags } from '../parse-flags';

/**
 * `layerlab bench [--json]`: the same figures as `npm run bench` — each template trained for a fixed number of batches
 * per available backend with the ratios, then the fast kernels one by one with conv GFLOP/s against a measured peak.
 */
export async function benchCommand(args: string[], io: CliIo): Promise<number> {
  const flags = parseFlags('layerlab bench', args, { json: 'boolean' });
  const tf = await import('@tensorflow/tfjs');
  tf.enableProdMode();
  const { formatKernelBench, runKernelBench } = await import('../../core/engine/kernels/kernel-bench');
  const { formatTemplateBench, runTemplateBench } = await import('../../../scripts/bench/template-bench');
  const templates = await runTemplateBench({ log: io.err });
  const kernels = await runKernelBench({ models: [], log: io.err });
  io.out(
    flags.json
      ? JSON.stringify({ templates, kernels })
      : `${formatTemplateBench(templates)}\n\n${formatKernelBench(kernels)}`,
  );
  return 0;
}
