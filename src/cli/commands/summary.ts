import { analyzeGraph } from '../../shared/graph/analyze-graph';
import { formatShape } from '../../shared/layers/shape-math';
import { listCapped } from '../../shared/graph/graph-limits';
import { CliError } from '../cli-error';
import type { CliIo } from '../cli-io';
import { formatTable } from '../format/table';
import { parseFlags } from '../parse-flags';
import { memoryLimitFromFlags, resolveProject } from '../resolve-project';

const FLAGS = {
  template: 'string',
  project: 'string',
  dataset: 'string',
  data: 'string',
  x: 'string',
  y: 'string',
  task: 'string',
  'max-memory': 'number',
  json: 'boolean',
} as const;

/**
 * `layerlab summary`: every node's kind, output shape and parameter count, and the total as tfjs `countParams()`
 * counts it (the model is really built). An invalid graph prints each problem on stderr and exits 2.
 */
export async function summaryCommand(args: string[], io: CliIo): Promise<number> {
  const flags = parseFlags('layerlab summary', args, FLAGS);
  const project = await resolveProject('summary', flags);
  const maxMemoryMB = memoryLimitFromFlags('summary', flags) ?? project.training.maxMemoryMB;
  const { describeDataset } = await import('../../core/datasets');
  const descriptor = await describeDataset(project.dataset, { maxMemoryMB });
  const analysis = analyzeGraph(project.graph, {
    inputShape: descriptor.inputShape,
    numClasses: descriptor.classNames.length,
    task: project.task,
  });
  const task = project.task;
  const errors = analysis.problems.filter((problem) => problem.severity === 'error');
  // A problem shown on many nodes (a cycle) carries the same message on each: it is printed once, naming a few.
  const byMessage = new Map<string, { severity: string; places: string[] }>();
  for (const problem of analysis.problems) {
    const where = problem.nodeId ? `node "${problem.nodeId}"` : problem.edgeId ? `edge "${problem.edgeId}"` : 'graph';
    const key = `${problem.severity}\n${problem.message}`;
    const seen = byMessage.get(key);
    if (seen) seen.places.push(where);
    else byMessage.set(key, { severity: problem.severity, places: [where] });
  }
  for (const [key, { severity, places }] of byMessage) {
    const message = key.slice(severity.length + 1);
    const where =
      places.length === 1 ? places[0] : `${places.length.toLocaleString('en-US')} nodes (${listCapped(places)})`;
    io.err(`${severity}: ${where}: ${message}`);
  }
  if (errors.length > 0)
    throw new CliError(`${project.origin}: the graph has ${errors.length} problem${errors.length === 1 ? '' : 's'}`);

  const tf = await import('@tensorflow/tfjs');
  tf.enableProdMode();
  const { buildModel } = await import('../../core/engine/build-model');
  const model = buildModel(project.graph, { seed: project.training.seed });
  const totalParams = model.countParams();
  const trainableParams = model.trainableWeights.reduce(
    (sum, w) => sum + w.shape.reduce((a: number, b) => a * (b ?? 1), 1),
    0,
  );
  model.dispose();

  const byId = new Map(project.graph.nodes.map((node) => [node.id, node]));
  const nodes = analysis.order.map((id) => {
    const node = byId.get(id)!;
    const params = analysis.params[id] ?? { trainable: 0, nonTrainable: 0 };
    return {
      id,
      kind: node.kind,
      ...(node.label ? { label: node.label } : {}),
      outputShape: analysis.shapes[id],
      params: params.trainable + params.nonTrainable,
      ...(node.config.trainable === false ? { frozen: true } : {}),
    };
  });
  if (flags.json) {
    io.out(
      JSON.stringify({ origin: project.origin, dataset: descriptor.id, task, nodes, totalParams, trainableParams }),
    );
    return 0;
  }
  io.out(`${project.origin} on ${descriptor.name} (${task})`);
  io.out(
    formatTable(
      ['NODE', 'KIND', 'OUTPUT SHAPE', 'PARAMS'],
      nodes.map((n) => [n.label ?? n.id, n.kind, formatShape(n.outputShape), n.params.toLocaleString('en-US')]),
      ['left', 'left', 'left', 'right'],
    ),
  );
  io.out(`Total params: ${totalParams.toLocaleString('en-US')} (trainable ${trainableParams.toLocaleString('en-US')})`);
  const frozen = nodes.filter((n) => n.frozen).map((n) => n.label ?? n.id);
  if (frozen.length > 0) io.out(`Frozen (not trained): ${frozen.join(', ')}`);
  return 0;
}
