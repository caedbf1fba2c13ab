/**
 * Engine overhead benchmark: trains one template through the real CLI (`layerlab train --json`, forked training
 * process, own batch loop, events) and the same model on the same data and backend with a plain `model.fit`
 * script, in one run, and prints samples/s of the last epoch of each and their ratio (target: overhead < 5 %).
 *
 *   npx tsx scripts/bench/bench-engine.ts [--template feed-forward] [--dataset fonts] [--epochs 2] [--backend cpu] [--json]
 */
import * as tf from '@tensorflow/tfjs';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadDataset, splitDataset } from '../../src/core/datasets';
import { selectBackend } from '../../src/core/engine/backend';
import { buildModel } from '../../src/core/engine/build-model';
import { getTemplate } from '../../src/shared/templates';
import type { BackendName } from '../../src/shared/training/train-config';
import { parseFlagsOrExit } from '../../src/cli/parse-flags';

interface Options {
  template: string;
  dataset: string;
  epochs: number;
  backend: BackendName;
  json: boolean;
}

function parseOptions(argv: string[]): Options {
  const flags = parseFlagsOrExit('bench-engine', argv, {
    template: 'string',
    dataset: 'string',
    epochs: 'number',
    backend: 'string',
    json: 'boolean',
  });
  return {
    template: flags.template ?? 'feed-forward',
    dataset: flags.dataset ?? 'fonts',
    epochs: flags.epochs ?? 2,
    backend: (flags.backend ?? 'cpu') as BackendName,
    json: flags.json ?? false,
  };
}

/** samples/s of the last epoch as the engine reports it, through the real CLI. */
async function engineSamplesPerSecond(options: Options): Promise<number> {
  const bin = fileURLToPath(new URL('../../bin/layerlab.js', import.meta.url));
  const args = [
    bin,
    'train',
    '--template',
    options.template,
    '--dataset',
    options.dataset,
    '--epochs',
    String(options.epochs),
    '--backend',
    options.backend,
    '--seed',
    '1',
    '--json',
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`layerlab train exited with ${code}`);
  const epochs = stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line))
    .filter((event) => event.type === 'epoch');
  return epochs[epochs.length - 1].samplesPerSecond;
}

/** samples/s of the last epoch of a plain `model.fit` on the same model, data split and backend. */
async function plainSamplesPerSecond(options: Options): Promise<number> {
  tf.enableProdMode();
  await selectBackend(options.backend);
  const template = getTemplate(options.template);
  if (template == null) throw new Error(`unknown template ${options.template}`);
  const data = await loadDataset({ kind: 'builtin', id: options.dataset });
  const { train } = splitDataset(data, {
    validationSplit: template.training.validationSplit,
    seed: template.training.seed,
  });
  const model = buildModel(template.graph, { seed: template.training.seed });
  model.compile({
    optimizer: tf.train.adam(template.training.learningRate),
    loss: template.training.loss,
    metrics: ['accuracy'],
  });
  const inputShape = model.inputs[0].shape.slice(1) as number[];
  const x = tf.tensor(train.x, [train.count, ...inputShape]);
  const classes = data.descriptor.classNames.length;
  const y = template.task === 'autoencoder' ? x : tf.oneHot(tf.tensor1d(train.labels, 'int32'), classes);
  let epochStart = 0;
  let last = 0;
  await model.fit(x, y, {
    batchSize: template.training.batchSize,
    epochs: options.epochs,
    shuffle: true,
    verbose: 0,
    callbacks: {
      onEpochBegin: async () => {
        epochStart = performance.now();
      },
      onEpochEnd: async () => {
        last = train.count / ((performance.now() - epochStart) / 1000);
      },
    },
  });
  return last;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const engine = await engineSamplesPerSecond(options);
  const plain = await plainSamplesPerSecond(options);
  const ratio = engine / plain;
  const result = {
    ...options,
    engineSamplesPerSecond: engine,
    plainSamplesPerSecond: plain,
    ratio,
    overheadPercent: (plain / engine - 1) * 100,
  };
  if (options.json) {
    console.log(JSON.stringify(result));
    return;
  }
  console.log(
    `${options.template} on ${options.dataset}, backend ${options.backend}, last of ${options.epochs} epochs`,
  );
  console.log(`  engine (layerlab train --json): ${engine.toFixed(1)} samples/s`);
  console.log(`  plain tfjs model.fit:           ${plain.toFixed(1)} samples/s`);
  console.log(
    `  ratio engine/plain: ${ratio.toFixed(3)}  (overhead ${result.overheadPercent.toFixed(1)} %, target < 5 %)`,
  );
}

main().catch((error: unknown) => {
  console.error(`bench-engine: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
