/**
 * `npm run bench:views`: what the app's views cost the training, measured in one run on this machine. Each template
 * trains the same seeded run (a) with views off, (b) with views on (recording gradient norms, predictions and
 * snapshots) and (c) with views on while one view of the panel asks its question at the panel's own rate
 * (VIEW_REFRESH_MS), its answers serialized as the training process does for IPC. Configurations alternate over the
 * repetitions; the median wall time of each is compared with views off.
 * Flags: --json, --repetitions N (default 3), --templates a,b (default xor-mlp,cnn), --epochs N (default 2; xor 100)
 */
import * as tf from '@tensorflow/tfjs';
import { parseFlagsOrExit } from '../../src/cli/parse-flags';
import { getTemplate } from '../../src/shared/templates';
import { VIEW_LIMITS, VIEW_REFRESH_MS, type ViewQuery } from '../../src/shared/views/view-queries';
import { TrainingRun, type TrainingRequest } from '../../src/core/engine/training-run';

const flags = parseFlagsOrExit('npm run bench:views', process.argv.slice(2), {
  json: 'boolean',
  repetitions: 'number',
  templates: 'string',
  epochs: 'number',
});
const log = (line: string) => process.stderr.write(`${line}\n`);

interface Configuration {
  name: string;
  views: boolean;
  poll?: { query: ViewQuery; everyMs: number };
}

/** The views the panel polls while a run of this kind trains (one tab is open at a time). */
const POLLED: Record<string, Configuration[]> = {
  'xor-mlp': [
    {
      name: 'views on + Boundary tab',
      views: true,
      poll: {
        query: { kind: 'boundary', resolution: VIEW_LIMITS.boundaryResolution.default },
        everyMs: VIEW_REFRESH_MS.boundary,
      },
    },
    {
      name: 'views on + Activations tab',
      views: true,
      poll: {
        query: { kind: 'layerStats', samples: VIEW_LIMITS.statsSamples.default },
        everyMs: VIEW_REFRESH_MS.layerStats,
      },
    },
  ],
  cnn: [
    {
      name: 'views on + Weights tab',
      views: true,
      poll: { query: { kind: 'weights', layer: 'conv2d-1' }, everyMs: VIEW_REFRESH_MS.weights },
    },
    {
      name: 'views on + Feature maps tab',
      views: true,
      poll: {
        query: { kind: 'activations', sample: { split: 'validation', index: 0 } },
        everyMs: VIEW_REFRESH_MS.activations,
      },
    },
    {
      name: 'views on + Activations tab',
      views: true,
      poll: {
        query: { kind: 'layerStats', samples: VIEW_LIMITS.statsSamples.default },
        everyMs: VIEW_REFRESH_MS.layerStats,
      },
    },
  ],
};

async function timedRun(
  request: TrainingRequest,
  configuration: Configuration,
): Promise<{ ms: number; cpuMs: number; answers: number }> {
  const run = new TrainingRun({ ...request, views: configuration.views }, () => {});
  let done = false;
  let answers = 0;
  const poll = configuration.poll;
  const poller = poll
    ? (async () => {
        while (!done) {
          await new Promise((resolve) => setTimeout(resolve, poll.everyMs));
          if (done) break;
          try {
            // The training process serializes every answer to post it to the host: that cost is the run's too.
            JSON.stringify(await run.inspect(poll.query));
            answers++;
          } catch {
            // Asked before the model was built: the panel would ask again.
          }
        }
      })()
    : Promise.resolve();
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  await run.run();
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  done = true;
  await poller;
  run.dispose();
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, answers };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

tf.enableProdMode();
const repetitions = flags.repetitions ?? 3;
interface Result {
  template: string;
  configuration: string;
  /** Median wall time of the run, and the median CPU time of this process during it. */
  wallMs: number;
  cpuMs: number;
  /** Relative to views off: +0.05 is 5 % slower. */
  wallSlowdown: number;
  cpuSlowdown: number;
  /** Answers the polled view got per run. */
  answers: number;
}
const results: Result[] = [];
for (const id of (flags.templates ?? 'xor-mlp,cnn').split(',')) {
  const template = getTemplate(id);
  if (!template) throw new Error(`unknown template ${id}`);
  const epochs = flags.epochs ?? (id === 'xor-mlp' ? 100 : 2);
  const request: TrainingRequest = {
    graph: template.graph,
    training: { ...template.training, epochs, backend: 'cpu' },
    dataset: template.dataset,
    task: template.task,
  };
  const configurations: Configuration[] = [
    { name: 'views off', views: false },
    { name: 'views on', views: true },
    ...(POLLED[id] ?? []),
  ];
  log(`${id}: warming up`);
  await timedRun(request, configurations[0]);
  const wall = configurations.map(() => [] as number[]);
  const cpu = configurations.map(() => [] as number[]);
  const answered = configurations.map(() => 0);
  for (let r = 0; r < repetitions; r++) {
    for (const [i, configuration] of configurations.entries()) {
      const { ms, cpuMs, answers } = await timedRun(request, configuration);
      wall[i].push(ms);
      cpu[i].push(cpuMs);
      answered[i] += answers;
      log(
        `${id} · ${configuration.name} · repetition ${r + 1}: ${(ms / 1000).toFixed(2)} s wall, ${(cpuMs / 1000).toFixed(2)} s CPU${configuration.poll ? `, ${answers} answers` : ''}`,
      );
    }
  }
  configurations.forEach((configuration, i) => {
    results.push({
      template: id,
      configuration: configuration.name,
      wallMs: median(wall[i]),
      cpuMs: median(cpu[i]),
      wallSlowdown: median(wall[i]) / median(wall[0]) - 1,
      cpuSlowdown: median(cpu[i]) / median(cpu[0]) - 1,
      answers: Math.round(answered[i] / repetitions),
    });
  });
}

const signed = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %`;
if (flags.json) {
  console.log(JSON.stringify({ repetitions, results }));
} else {
  console.log(`Training with the views (median of ${repetitions} runs each, same seeded run, cpu backend):`);
  console.log(
    `  ${'template'.padEnd(8)} ${'configuration'.padEnd(30)} ${'wall'.padStart(8)} ${'vs off'.padStart(9)} ${'CPU'.padStart(8)} ${'vs off'.padStart(9)}`,
  );
  for (const r of results) {
    const off = r.configuration === 'views off';
    console.log(
      `  ${r.template.padEnd(8)} ${r.configuration.padEnd(30)} ${`${(r.wallMs / 1000).toFixed(2)} s`.padStart(8)} ${(off ? '' : signed(r.wallSlowdown)).padStart(9)} ${`${(r.cpuMs / 1000).toFixed(2)} s`.padStart(8)} ${(off ? '' : signed(r.cpuSlowdown)).padStart(9)}${r.answers ? `  ${r.answers} answers/run` : ''}`,
    );
  }
}
