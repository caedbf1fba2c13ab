import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseProjectFile } from '../../shared/graph/project-file';
import type { ModelGraph } from '../../shared/graph/model-graph';
import { formatShape } from '../../shared/layers/shape-math';
import type { Task } from '../../shared/training/task';
import { unpack } from '../../shared/views/packed-array';
import type { LayerActivation, LayerInfo, ValueStats } from '../../shared/views/view-queries';
import { CliError } from '../cli-error';
import type { CliIo } from '../cli-io';
import { formatTable } from '../format/table';
import { parseFlags } from '../parse-flags';
import { datasetFromFlags } from '../resolve-project';

const FLAGS = {
  model: 'string',
  dataset: 'string',
  data: 'string',
  x: 'string',
  y: 'string',
  sample: 'number',
  json: 'boolean',
} as const;

const EMPTY_GRAPH: ModelGraph = { version: 1, nodes: [], edges: [] };

/**
 * `layerlab inspect`: a saved model (`train --out DIR`) looked at with the app's own inspector (src/core/inspect):
 * every layer's output shape, parameters and weight statistics, and with `--sample N` every layer's activations for
 * sample N of the data (0-based, in the file's order) and the model's prediction for it.
 */
export async function inspectCommand(args: string[], io: CliIo): Promise<number> {
  const flags = parseFlags('layerlab inspect', args, FLAGS);
  if (flags.model === undefined)
    throw new CliError('layerlab inspect: --model DIR is required (a folder written by `layerlab train --out DIR`)');
  const dir = path.resolve(String(flags.model));
  if (!existsSync(path.join(dir, 'model.json')))
    throw new CliError(
      `layerlab inspect: ${dir} has no model.json (write one with \`layerlab train --out ${flags.model}\`)`,
    );
  const ref = datasetFromFlags('inspect', flags);
  if (ref === null) throw new CliError('layerlab inspect: give the data to look at with --dataset ID or --data FILE');
  const sampleIndex = flags.sample;
  if (sampleIndex !== undefined && (!Number.isInteger(sampleIndex) || sampleIndex < 0))
    throw new CliError(`layerlab inspect: --sample must be a whole number ≥ 0, got ${sampleIndex}`);

  const project = readProject(dir);
  const tf = await import('@tensorflow/tfjs');
  tf.enableProdMode();
  const { selectBackend } = await import('../../core/engine/backend');
  await selectBackend('cpu');
  await import('../../core/engine/maxout-layer');
  const { fileLoadHandler } = await import('../../core/engine/file-io-handler');
  let model;
  try {
    model = await tf.loadLayersModel(fileLoadHandler(dir));
  } catch (error) {
    throw new CliError(`layerlab inspect: cannot load the model in ${dir}: ${(error as Error).message}`);
  }
  const { loadDataset } = await import('../../core/datasets');
  const data = await loadDataset(ref);
  const { descriptor } = data;
  const inputShape = model.inputs[0].shape.slice(1) as number[];
  const outputShape = model.outputs[0].shape.slice(1) as number[];
  const sampleSize = inputShape.reduce((a, b) => a * b, 1);
  const dataSize = descriptor.inputShape.reduce((a, b) => a * b, 1);
  if (sampleSize !== dataSize) {
    throw new CliError(
      `layerlab inspect: the model takes ${formatShape(inputShape)} (${sampleSize} values), but ${descriptor.name} has samples of ${formatShape(descriptor.inputShape)} (${dataSize} values)`,
    );
  }
  const task: Task = project?.task ?? (outputShape.join() === inputShape.join() ? 'autoencoder' : 'classification');
  const { planTargets } = await import('../../core/engine/training-data');
  const plan = planTargets({
    task,
    inputShape,
    outputShape,
    loss: project?.training.loss ?? 'categoricalCrossentropy',
    classNames: descriptor.classNames,
    datasetName: `data set "${descriptor.name}"`,
  });
  const { describeModel, layerActivations, predictSample } = await import('../../core/inspect/model-inspector');
  const empty = { x: new Float32Array(0), labels: new Int32Array(0), count: 0 };
  const target = {
    model,
    graph: project?.graph ?? EMPTY_GRAPH,
    task,
    encoding: plan.encoding,
    classNames: descriptor.classNames,
    descriptor,
    // The whole file is the "training" split here, so `--sample N` is sample N of the file.
    splits: { train: { x: data.x, labels: data.labels, count: data.count }, validation: empty },
  };
  const summary = describeModel(target, 0);
  let sample: SampleReport | null = null;
  if (sampleIndex !== undefined) {
    if (sampleIndex >= data.count)
      throw new CliError(
        `layerlab inspect: --sample ${sampleIndex}: ${descriptor.name} has ${data.count} samples (0–${data.count - 1})`,
      );
    const ref = { split: 'train', index: sampleIndex } as const;
    const activations = layerActivations(target, ref);
    const prediction = predictSample(target, ref);
    const label = activations.sample.label;
    sample = {
      index: sampleIndex,
      label,
      className: label === null ? null : (descriptor.classNames[label] ?? null),
      prediction:
        prediction.probabilities === null
          ? { output: Array.from(unpack(prediction.output)).slice(0, 16), outputShape: prediction.output.shape }
          : {
              probabilities: prediction.probabilities,
              predicted: prediction.predicted,
              predictedClass: descriptor.classNames[prediction.predicted!] ?? null,
            },
      layers: activations.layers.map(activationSummary),
    };
  }
  model.dispose();

  const report = {
    model: dir,
    data: { name: descriptor.name, samples: data.count, inputShape: descriptor.inputShape },
    task,
    inputShape: summary.inputShape,
    outputShape: summary.outputShape,
    classNames: summary.classNames,
    params: summary.layers.reduce((sum, layer) => sum + layer.params, 0),
    layers: summary.layers.map(layerSummary),
    ...(sample ? { sample } : {}),
  };
  if (flags.json) io.out(JSON.stringify(report));
  else printReport(io, report.layers, sample, report.params);
  return 0;
}

interface SampleReport {
  index: number;
  label: number | null;
  className: string | null;
  prediction: Record<string, unknown>;
  layers: ReturnType<typeof activationSummary>[];
}

function readProject(dir: string) {
  const file = path.join(dir, 'project.layerlab.json');
  if (!existsSync(file)) return null;
  const parsed = parseProjectFile(readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new CliError(`layerlab inspect: ${file}: ${parsed.error}`);
  return parsed.project;
}

function layerSummary(layer: LayerInfo) {
  return {
    name: layer.name,
    kind: layer.kind,
    outputShape: layer.outputShape,
    params: layer.params,
    activation: layer.activation,
    weights: layer.weights.map((w) => ({ name: w.name, shape: w.shape, ...roundStats(w.stats) })),
  };
}

function activationSummary(layer: LayerActivation) {
  return {
    name: layer.name,
    outputShape: layer.outputShape,
    ...roundStats(layer.stats),
    histogram: layer.histogram.counts,
  };
}

/** Statistics to 6 significant digits: enough to compare, short enough to read. */
function roundStats(stats: ValueStats) {
  const round = (v: number) => Number(v.toPrecision(6));
  return {
    count: stats.count,
    min: round(stats.min),
    max: round(stats.max),
    mean: round(stats.mean),
    std: round(stats.std),
    zeroShare: round(stats.zeroShare),
  };
}

function printReport(
  io: CliIo,
  layers: ReturnType<typeof layerSummary>[],
  sample: SampleReport | null,
  params: number,
): void {
  const stat = (v: number) => v.toPrecision(3);
  io.out(
    formatTable(
      ['Layer', 'Output shape', 'Params', 'Weights (mean ± std, range)'],
      layers.map((layer) => [
        layer.name,
        formatShape(layer.outputShape),
        String(layer.params),
        layer.weights
          .map((w) => `${w.name.split('/').pop()} ${stat(w.mean)} ± ${stat(w.std)} [${stat(w.min)}, ${stat(w.max)}]`)
          .join('; '),
      ]),
      ['left', 'left', 'right', 'left'],
    ),
  );
  io.out(`Total parameters: ${params.toLocaleString('en-US')}`);
  if (!sample) return;
  io.out('');
  io.out(`Sample ${sample.index}${sample.className ? ` (class ${sample.className})` : ''}:`);
  const prediction = sample.prediction as { probabilities?: number[]; predictedClass?: string | null };
  if (prediction.probabilities) {
    io.out(
      `  predicted ${prediction.predictedClass ?? '?'}: ${prediction.probabilities.map((p) => p.toFixed(4)).join(' ')}`,
    );
  }
  io.out(
    formatTable(
      ['Layer', 'Output shape', 'Mean', 'Std', 'Min', 'Max', 'Zeros'],
      sample.layers.map((layer) => [
        layer.name,
        formatShape(layer.outputShape),
        stat(layer.mean),
        stat(layer.std),
        stat(layer.min),
        stat(layer.max),
        `${(layer.zeroShare * 100).toFixed(1)}%`,
      ]),
      ['left', 'left', 'right', 'right', 'right', 'right', 'right'],
    ),
  );
}
