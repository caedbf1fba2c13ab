/**
 * Stock vs fast CPU kernels: per-kernel times at the course models' shapes, training throughput of the
 * course CNN, the feed-forward MLP and a Maxout MLP, and the conv layers' GFLOP/s against a JS peak.
 *
 *   npx tsx scripts/bench-kernels.ts [--json] [--batches N] [--repetitions N] [--training-only]
 *                                    [--model course-cnn|feed-forward|maxout-mlp]...
 */
import { formatKernelBench, runKernelBench } from '../src/core/engine/kernels/kernel-bench';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`bench-kernels: ${name} needs a positive integer, got "${process.argv[i + 1] ?? ''}"`);
    process.exit(2);
  }
  return value;
}

const MODELS = ['course-cnn', 'feed-forward', 'maxout-mlp'] as const;

function models(): (typeof MODELS)[number][] | undefined {
  const picked = process.argv.flatMap((arg, i) => (arg === '--model' ? [process.argv[i + 1]] : []));
  if (picked.length === 0) return undefined;
  for (const m of picked) {
    if (!(MODELS as readonly string[]).includes(m)) {
      console.error(`bench-kernels: unknown --model "${m ?? ''}" (one of ${MODELS.join(', ')})`);
      process.exit(2);
    }
  }
  return picked as (typeof MODELS)[number][];
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const report = await runKernelBench({
    batches: flag('--batches', 8),
    repetitions: flag('--repetitions', 3),
    log: json ? undefined : (line) => console.error(line),
    skipKernels: process.argv.includes('--training-only'),
    models: models(),
  });
  console.log(json ? JSON.stringify(report, null, 2) : formatKernelBench(report));
}

main().catch((err: unknown) => {
  console.error(`bench-kernels failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
