/**
 * `npm run bench:views`: what the app's views cost the training, measured in one run on this machine. Each template
 * trains the same seeded run (a) with views off, (b) with views on (recording gradient norms, predictions and
 * snapshots) and (c) with views on while one view of the panel asks its question at the panel's own rate
 * (VIEW_REFRESH_MS), its answers serialized as the training process does for IPC. Configurations alternate over the
 * repetitions; the median wall time of each is compared with views off. Then, on the trained model of the last
 * views-on run, each view query the panel sends: the median time to answer and serialize it, and the reply's size.
 * Flags: --json, --repetitions N (default 3), --templates a,b (default xor-mlp,cnn), --epochs N (default 2; xor 100)
 */
import * as tf from '@tensorflow/tfjs';
import { parseFlagsOrExit } from '../../src/cli/parse-flags';
import { getTemplate } from '../../src/shared/templates';
import { VIEW_LIMITS, VIEW_REFRESH_MS, type ModelView, type ViewQuery } from '../../src/shared/views/view-queries';
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

/** The queries the panel's views send for a model of this template, by the view that sends them. */
function panelQueries(id: string, model: ModelView): { view: string; query: ViewQuery }[] {
  const sample = { split: 'validation', index: 0 } as const;
  const lastEpoch = model.epochs;
  const weighted =
    model.layers.find((layer) => layer.kind === 'Conv2D') ?? model.layers.find((l) => l.kind === 'Dense');
  return [
    { view: 'every view (layers)', query: { kind: 'model' } },
    ...(weighted ? [{ view: 'Weights', query: { kind: 'weights', layer: weighted.name } as const }] : []),
    { view: 'Feature maps', query: { kind: 'activations', sample } },
    { view: 'Activations', query: { kind: 'layerStats', samples: VIEW_LIMITS.statsSamples.default } },
    { view: 'Try it', query: { kind: 'predict', sample } },
    ...(id === 'xor-mlp'
      ? [
          {
            view: 'Boundary',
            query: { kind: 'boundary', resolution: VIEW_LIMITS.boundaryResolution.default } as const,
          },
        ]
      : []),
    { view: 'Samples (cell 1,1)', query: { kind: 'cellSamples', epoch: lastEpoch, trueClass: 0, predictedClass: 0 } },
    { view: 'Replay', query: { kind: 'snapshots' } },
    { view: 'kept with the project', query: { kind: 'modelWeights' } },
  ];
}

interface QueryCost {
  template: string;
  view: string;
  kind: ViewQuery['kind'];
  /** Median time to answer the query and serialize the answer, as the training process does. */
  ms: number;
  /** The serialized answer's length (what crosses IPC or the WebSocket). */
  bytes: number;
}

async function measureQueries(id: string, run: TrainingRun, times: number): Promise<QueryCost[]> {
  const model = await run.inspect({ kind: 'model' });
  const costs: QueryCost[] = [];
  for (const { view, query } of panelQueries(id, model)) {
    const durations: number[] = [];
    let bytes = 0;
    for (let i = 0; i < times; i++) {
      const start = performance.now();
      bytes = JSON.stringify(await run.inspect(query)).length;
      durations.push(performance.now() - start);
    }
    costs.push({ template: id, view, kind: query.kind, ms: median(durations), bytes });
  }
  return costs;
}

async function timedRun(
  request: TrainingRequest,
  configuration: Configuration,
  afterRun?: (run: TrainingRun) => Promise<void>,
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
  await afterRun?.(run);
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
const queryCosts: QueryCost[] = [];
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
      const last = r === repetitions - 1 && configuration.name === 'views on';
      const measure = last
        ? async (run: TrainingRun) => void queryCosts.push(...(await measureQueries(id, run, 5)))
        : undefined;
      const { ms, cpuMs, answers } = await timedRun(request, configuration, measure);
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
  console.log(JSON.stringify({ repetitions, results, queryCosts }));
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
  console.log('\nEach view query on the trained model (median of 5, answered and serialized; reply size):');
  console.log(
    `  ${'template'.padEnd(8)} ${'view'.padEnd(22)} ${'query'.padEnd(12)} ${'time'.padStart(9)} ${'size'.padStart(10)}`,
  );
  for (const q of queryCosts) {
    console.log(
      `  ${q.template.padEnd(8)} ${q.view.padEnd(22)} ${q.kind.padEnd(12)} ${`${q.ms.toFixed(1)} ms`.padStart(9)} ${formatBytes(q.bytes).padStart(10)}`,
    );
  }
}

function formatBytes(bytes: number): string {
  return bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(1)} KiB`
      : `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
}
