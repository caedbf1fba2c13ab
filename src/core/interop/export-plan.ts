import { analyzeGraph } from '../../shared/graph/analyze-graph';
import { describeNode } from '../../shared/graph/problems';
import type { LayerKind, ModelGraph, Shape } from '../../shared/graph/model-graph';
import { reachable } from '../../shared/graph/graph-traversal';
import { predecessors, readGraph, successors } from '../../shared/graph/read-graph';
import { withDefaults } from '../../shared/layers/catalogue';
import type { LayerConfig } from '../../shared/layers/layer-definition';
import type { Task } from '../../shared/training/task';
import type { TrainConfig } from '../../shared/training/train-config';
import { inputsInBuildOrder } from '../engine/build-model';
import { layerNamesForGraph } from '../engine/layer-names';
import { planTargets, type TargetEncoding } from '../engine/training-data';
import { InteropError } from './interop-error';

/** One node of the model as every exporter sees it: defaults filled in, inputs ordered, shapes known. */
export interface PlannedLayer {
  id: string;
  kind: LayerKind;
  /** The tfjs layer name (label or id, sanitized, unique): weights are stored and matched under it. */
  name: string;
  /** Every field of the kind, defaults filled in. */
  config: LayerConfig;
  /** Ids of the layers feeding this one, in port order (Concatenate's order). */
  inputs: string[];
  /** Shapes of those inputs, batch axis left out. */
  inputShapes: Shape[];
  outputShape: Shape;
  /** Trainable + non-trainable parameters, as tfjs `countParams()` counts them. */
  params: number;
}

/** What the model learns to output and how targets are made from the data. */
export interface ExportTargets {
  task: Task;
  encoding: TargetEncoding;
  /** Number of classes (one-hot width, 2 for a single sigmoid unit); 0 for an autoencoder. */
  classes: number;
  /** The dataset's class names when the exporter knew the dataset. */
  classNames: string[] | null;
}

/** The graph reduced to the model that is built from it, in the order every exporter emits layers. */
export interface LayerPlan {
  /** How headers, docstrings and messages name the project, e.g. `cnn` or `my-net`. */
  projectName: string;
  /** The layers on the path from the Input to the output, sources first; `layers[0]` is the Input. */
  layers: PlannedLayer[];
  byId: Map<string, PlannedLayer>;
  input: PlannedLayer;
  output: PlannedLayer;
  totalParams: number;
  trainableParams: number;
}

/** A layer plan with how the model is trained: what an export renders. */
export interface ExportPlan extends LayerPlan {
  training: TrainConfig;
  targets: ExportTargets;
}

export interface PlanRequest {
  graph: ModelGraph;
  training: TrainConfig;
  task: Task;
  projectName: string;
  /** The dataset's class names, when known; checked against the output layer. */
  classNames?: string[];
}

/**
 * Checks the graph (every error problem is reported, as `layerlab summary` would) and plans the export. Nodes off
 * the Input→output path are left out, as they are when LayerLab builds the model.
 */
export function planExport(request: PlanRequest): ExportPlan {
  const { graph, training, task } = request;
  const layers = planLayers(graph, request.projectName, task);
  return {
    ...layers,
    training,
    targets: planExportTargets(layers.input.outputShape, layers.output.outputShape, training, task, request.classNames),
  };
}

/**
 * The layers of the model LayerLab builds from `graph`: enough to match weights, which needs no training settings.
 * Throws an InteropError listing every error the analysis finds; with a task, the output is checked against it.
 */
export function planLayers(graph: ModelGraph, projectName: string, task?: Task): LayerPlan {
  const analysis = analyzeGraph(graph, task ? { task } : {});
  const errors = analysis.problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0) {
    throw new InteropError(
      `The project "${projectName}" cannot be exported: ${errors.map((problem) => problem.message).join(' ')}`,
    );
  }
  const index = readGraph(graph);
  const inputId = analysis.inputId!;
  const outputId = analysis.outputId!;
  const fromInput = reachable([inputId], (id) => successors(index, id));
  const toOutput = reachable([outputId], (id) => predecessors(index, id));
  const names = layerNamesForGraph(graph);

  const layers: PlannedLayer[] = [];
  const byId = new Map<string, PlannedLayer>();
  for (const id of analysis.order) {
    if (!fromInput.has(id) || !toOutput.has(id)) continue;
    const node = index.nodeById.get(id)!;
    const inputs = inputsInBuildOrder(graph, id);
    const outputShape = analysis.shapes[id];
    if (outputShape == null) throw new InteropError(`${describeNode(node)} has no known output shape`);
    const params = analysis.params[id] ?? { trainable: 0, nonTrainable: 0 };
    const layer: PlannedLayer = {
      id,
      kind: node.kind,
      name: names.get(id)!,
      config: withDefaults(node.kind, node.config),
      inputs,
      inputShapes: inputs.map((source) => analysis.shapes[source]!),
      outputShape,
      params: params.trainable + params.nonTrainable,
    };
    layers.push(layer);
    byId.set(id, layer);
  }
  return {
    projectName,
    layers,
    byId,
    input: byId.get(inputId)!,
    output: byId.get(outputId)!,
    totalParams: analysis.totalParams,
    trainableParams: analysis.trainableParams,
  };
}

function planExportTargets(
  inputShape: Shape,
  outputShape: Shape,
  training: TrainConfig,
  task: Task,
  classNames: string[] | undefined,
): ExportTargets {
  // Without the dataset, the output layer says how many classes there are.
  const units = outputShape.length === 1 ? outputShape[0] : 0;
  const assumed = classNames ?? Array.from({ length: units === 1 ? 2 : units }, (_, i) => `class ${i}`);
  try {
    const plan = planTargets({
      task,
      inputShape,
      outputShape,
      loss: training.loss,
      classNames: assumed,
      datasetName: 'the dataset',
    });
    const classes = plan.encoding === 'input' ? 0 : assumed.length;
    return { task: plan.task, encoding: plan.encoding, classes, classNames: classNames ?? null };
  } catch (error) {
    throw new InteropError(error instanceof Error ? error.message : String(error));
  }
}

/** LayerLab shapes of rank 3 are images [height, width, channels]; frameworks that put channels first move them. */
export function isImage(shape: Shape): boolean {
  return shape.length === 3;
}
