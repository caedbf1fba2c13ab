/**
 * Stock vs fast CPU kernels: per-kernel times at the course models' shapes, training throughput of the
 * course CNN, the feed-forward MLP and a Maxout MLP, and the conv layers' GFLOP/s against a JS peak.
 *
 *   npx tsx scripts/bench/bench-kernels.ts [--json] [--batches N] [--repetitions N] [--training-only]
 *                                    [--model course-cnn|feed-forward|maxout-mlp]...
 */
import { parseFlagsOrExit } from '../../src/cli/parse-flags';
import { formatKernelBench, runKernelBench } from '../../src/core/engine/kernels/kernel-bench';

const MODELS = ['course-cnn', 'feed-forward', 'maxout-mlp'] as const;
type ModelName = (typeof MODELS)[number];

const flags = parseFlagsOrExit('bench-kernels', process.argv.slice(2), {
  json: 'boolean',
  batches: 'number',
  repetitions: 'number',
  'training-only': 'boolean',
  model: 'strings',
});

function usageError(message: string): never {
  console.error(`bench-kernels: ${message}`);
  process.exit(2);
}

function positiveInteger(name: 'batches' | 'repetitions', fallback: number): number {
  const value = flags[name] ?? fallback;
  if (!Number.isInteger(value) || value < 1) usageError(`--${name} needs a positive integer, got ${value}`);
  return value;
}

function models(): ModelName[] | undefined {
  const picked = flags.model;
  if (picked === undefined) return undefined;
  for (const m of picked)
    if (!(MODELS as readonly string[]).includes(m)) usageError(`unknown --model "${m}" (one of ${MODELS.join(', ')})`);
  return picked as ModelName[];
}

async function main(): Promise<void> {
  const json = flags.json ?? false;
  const report = await runKernelBench({
    batches: positiveInteger('batches', 8),
    repetitions: positiveInteger('repetitions', 3),
    log: json ? undefined : (line) => console.error(line),
    skipKernels: flags['training-only'] ?? false,
    models: models(),
  });
  console.log(json ? JSON.stringify(report, null, 2) : formatKernelBench(report));
}

main().catch((err: unknown) => {
  console.error(`bench-kernels failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
