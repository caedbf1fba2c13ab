import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { analyzeGraph } from '../../../shared/graph/analyze-graph';
import {
  MODEL_GRAPH_VERSION,
  type GraphEdge,
  type GraphNode,
  type ModelGraph,
} from '../../../shared/graph/model-graph';
import {
  parseProjectFile,
  PROJECT_FORMAT,
  PROJECT_VERSION,
  type ProjectFile,
  zProjectFile,
} from '../../../shared/graph/project-file';
import { topologicalOrder } from '../../../shared/graph/topological-order';
import { carryUnknownFields } from '../../../shared/graph/unknown-fields';
import { getLayerDefinition } from '../../../shared/layers/catalogue';
import type { DatasetRef } from '../../../shared/training/dataset';
import { resolveTask, TASK_LABELS, type Task } from '../../../shared/training/task';
import { listBuiltinDatasets } from '../../datasets';
import { PROJECT_FILE } from '../../engine/export-model';
import { planLayers, type LayerPlan } from '../export-plan';
import { InteropError } from '../interop-error';
import { MAX_MODEL_PARAMS } from '../limits';
import { encodeProjectWeights } from '../project-weights';
import { readModelJson } from '../run-dir';
import { matchWeights, requireAllWeights } from '../weights/match-weights';
import { groupWeightsByLayer, type LayerWeights, type NamedWeights } from '../weights/named-weights';
import { readWeightsManifest, zWeightsManifest } from '../weights/tfjs-weights-file';
import { importKerasLayer, type ImportedNode } from './keras-layers-import';
import { readKerasTopology, type KerasTopology } from './keras-topology';
import { layeredPositions } from './layered-layout';
import { trainingFromKeras } from './training-config-import';

export interface ImportOptions {
  /** Read the weights the model.json lists (default); false imports the architecture only. */
  weights?: boolean;
  /** What to do when the weight files are missing or do not fit, added to that error (default: the CLI's flag). */
  weightsHint?: string;
}

export interface ImportResult {
  project: ProjectFile;
  /** What the import decided for the user: where the training settings and dataset come from, the weights. */
  notes: string[];
  layers: number;
  params: number;
  /** True when the project carries the model's weights. */
  weightsAttached: boolean;
}

/**
 * A TF.js layers model.json or a Keras `model.to_json()` file as a LayerLab project: nodes, edges, configs, layered
 * positions, and the weights when they are beside it. All or nothing: every unsupported layer or option, graph
 * problem or weight problem is collected into one InteropError, and no project is returned.
 */
export async function importModelFile(file: string, options: ImportOptions = {}): Promise<ImportResult> {
  const full = path.resolve(file);
  const raw = await readModelJson(full);
  const topology = readKerasTopology(raw);
  const graph = graphFromTopology(topology, full);
  const analysis = analyzeGraph(graph);
  const errors = analysis.problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0) {
    throw new InteropError(`${full} cannot be imported:\n${errors.map((p) => `  - ${p.message}`).join('\n')}`);
  }
  if (analysis.totalParams > MAX_MODEL_PARAMS) {
    throw new InteropError(
      `${full} has ${analysis.totalParams.toLocaleString('en-US')} parameters; LayerLab imports at most ` +
        MAX_MODEL_PARAMS.toLocaleString('en-US'),
    );
  }
  const notes: string[] = [];
  const sibling = await siblingProject(full);
  const inputShape = analysis.shapes[analysis.inputId!]!;
  const outputShape = analysis.shapes[analysis.outputId!]!;
  const training =
    sibling?.training ?? trainingFromKeras(topology.trainingConfig, inputShape, outputShape, graph, notes);
  const task = sibling?.task ?? resolveTask({ graph, loss: training.loss });
  const dataset = sibling?.dataset ?? datasetFor(inputShape, outputShape, task, notes);
  if (sibling) notes.push(`training settings, task and dataset from ${PROJECT_FILE} beside the model`);
  else notes.push(`what it learns: ${TASK_LABELS[task].toLowerCase()}`);

  const plan = planLayers(graph, path.basename(full));
  let weights: ProjectFile['weights'];
  const manifest = raw.weightsManifest;
  if (options.weights === false) {
    notes.push('weights not imported (--no-weights)');
  } else if (manifest === undefined) {
    notes.push('the file carries no weights (a Keras model.to_json() has none): the model starts untrained');
  } else {
    const parsed = zWeightsManifest.safeParse(manifest);
    if (!parsed.success) throw new InteropError(`${full}: the weightsManifest is not readable`);
    const flat = await readWeightsManifest(path.dirname(full), parsed.data).catch((error: Error) => {
      throw new InteropError(
        `${error.message} (${options.weightsHint ?? 'to import the architecture alone, add --no-weights'})`,
      );
    });
    const byNode = weightsByNode(plan, groupWeightsByLayer(flat), full);
    weights = encodeProjectWeights(byNode, `imported from ${path.basename(full)}`);
    notes.push(`weights attached for ${byNode.size} layer${byNode.size === 1 ? '' : 's'}`);
  }
  const project: ProjectFile = {
    format: PROJECT_FORMAT,
    version: PROJECT_VERSION,
    graph,
    training,
    dataset,
    task,
    ...(weights ? { weights } : {}),
  };
  // A project file a newer LayerLab wrote beside the model keeps what this version does not know.
  if (sibling) carryUnknownFields(sibling, project, zProjectFile);
  return { project, notes, layers: graph.nodes.length, params: analysis.totalParams, weightsAttached: weights != null };
}

/** Nodes (id = the Keras layer name), edges in argument order (merges keep their input order as ports), layout. */
function graphFromTopology(topology: KerasTopology, file: string): ModelGraph {
  const problems: string[] = [];
  const imported = new Map<string, ImportedNode>();
  for (const layer of topology.layers) {
    const node = importKerasLayer(layer, problems);
    if (node) imported.set(layer.name, node);
    if (node && node.kind === 'Input' && layer.name !== topology.input) {
      problems.push(`layer "${layer.name}": a second input; LayerLab models have one`);
    }
  }
  const input = imported.get(topology.input);
  if (input && input.kind !== 'Input') problems.push(`the model's input "${topology.input}" is not an InputLayer`);
  if (problems.length > 0) {
    throw new InteropError(`${file} cannot be imported:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  const edges: GraphEdge[] = topology.layers.flatMap((layer) => {
    const merge = getLayerDefinition(imported.get(layer.name)!.kind).inputs.max > 1;
    return layer.inbound.map((source, port) => ({
      id: `${source}->${layer.name}${merge ? `:${port}` : ''}`,
      source,
      target: layer.name,
      ...(merge ? { targetPort: port } : {}),
    }));
  });
  const ids = topology.layers.map((layer) => layer.name);
  const { order } = topologicalOrder(ids, edges);
  const positions = layeredPositions(order, edges);
  const nodes: GraphNode[] = topology.layers.map((layer) => {
    const node = imported.get(layer.name)!;
    return {
      id: layer.name,
      kind: node.kind,
      config: node.config,
      position: positions.get(layer.name) ?? { x: 0, y: 0 },
    };
  });
  const graph: ModelGraph = { version: MODEL_GRAPH_VERSION, nodes, edges, outputId: topology.output };

  // Checks that need shapes (BatchNormalization's axis) run once the graph's shapes are known.
  const shapes = analyzeGraph(graph).shapes;
  for (const layer of topology.layers) {
    const check = imported.get(layer.name)!.check;
    const source = layer.inbound[0];
    const shape = source === undefined ? null : shapes[source];
    const problem = check && shape ? check(shape) : null;
    if (problem) problems.push(problem);
  }
  if (problems.length > 0) {
    throw new InteropError(`${file} cannot be imported:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return graph;
}

/** Weights from the file (keyed by Keras layer name = node id) checked against every layer, by node id. */
function weightsByNode(plan: LayerPlan, source: NamedWeights, file: string): Map<string, LayerWeights> {
  // The plan names layers as the engine will; node ids are the Keras names the weights are stored under, sometimes
  // behind the model's scope (`sequential/dense/kernel`): an unambiguous last segment identifies the layer too.
  const byLastSegment = new Map<string, string[]>();
  for (const key of source.keys()) {
    const last = key.slice(key.lastIndexOf('/') + 1);
    byLastSegment.set(last, [...(byLastSegment.get(last) ?? []), key]);
  }
  const renamed: NamedWeights = new Map();
  for (const layer of plan.layers) {
    const scoped = byLastSegment.get(layer.id);
    const found = source.get(layer.id) ?? (scoped?.length === 1 ? source.get(scoped[0]) : undefined);
    if (found) renamed.set(layer.name, found);
  }
  const matched = requireAllWeights(matchWeights(plan, renamed), file);
  const byNode = new Map<string, LayerWeights>();
  for (const layer of plan.layers) {
    const weights = matched.get(layer.name);
    if (weights) byNode.set(layer.id, weights);
  }
  return byNode;
}

/** The project file a LayerLab export writes beside model.json, when there is a readable one. */
async function siblingProject(file: string): Promise<ProjectFile | null> {
  const text = await readFile(path.join(path.dirname(file), PROJECT_FILE), 'utf8').catch(() => null);
  if (text == null) return null;
  const parsed = parseProjectFile(text);
  return parsed.ok ? parsed.project : null;
}

/** A built-in dataset whose samples fit the input (and, for a classifier, whose classes fit the output). */
function datasetFor(inputShape: number[], outputShape: number[], task: Task, notes: string[]): DatasetRef {
  const autoencoder = task === 'autoencoder';
  const fits = listBuiltinDatasets().find(
    (d) =>
      sameShape(d.inputShape, inputShape) &&
      (autoencoder || (outputShape.length === 1 && (outputShape[0] === d.classNames.length || outputShape[0] === 1))),
  );
  if (fits) {
    notes.push(`dataset: ${fits.id} (its samples fit the input [${inputShape}])`);
    return { kind: 'builtin', id: fits.id };
  }
  notes.push(`no built-in dataset fits the input [${inputShape}]: choose or import one before training`);
  return { kind: 'builtin', id: 'fonts' };
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((dim, i) => dim === b[i]);
}
