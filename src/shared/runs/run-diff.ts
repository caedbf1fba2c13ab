import type { GraphNode, ModelGraph } from '../graph/model-graph';
import { topologicalOrder } from '../graph/topological-order';
import type { StartTrainingRequest } from '../ipc/training-protocol';
import { getLayerDefinition, withDefaults } from '../layers/catalogue';
import type { LayerConfig } from '../layers/layer-definition';
import { LOSS_CATALOGUE } from '../training/losses';
import { OPTIMIZER_CATALOGUE } from '../training/optimizers';
import { startFromLabel } from '../training/start-from';
import { TASK_LABELS } from '../training/task';
import type { DatasetRef } from '../training/dataset';

/** One line of the comparison table: a setting or a layer, and its value in each run ("—" where a run has no such layer). */
export interface RunDiffRow {
  /** `setting` for training settings, data and task; `layer` for a node of the graph; `wiring` for the edges. */
  group: 'setting' | 'layer' | 'wiring';
  label: string;
  values: string[];
}

const ABSENT = '—';

/** The training settings a comparison looks at, each written the way the settings panel shows it. */
const SETTINGS: { label: string; value(request: StartTrainingRequest): string }[] = [
  { label: 'What it learns', value: (r) => TASK_LABELS[r.task] },
  { label: 'Data set', value: (r) => describeDataset(r.dataset) },
  { label: 'Optimizer', value: (r) => OPTIMIZER_CATALOGUE[r.training.optimizer].label },
  { label: 'Learning rate', value: (r) => String(r.training.learningRate) },
  { label: 'Momentum', value: (r) => (r.training.momentum === undefined ? ABSENT : String(r.training.momentum)) },
  { label: 'Nesterov', value: (r) => (r.training.nesterov ? 'on' : 'off') },
  { label: 'Loss', value: (r) => LOSS_CATALOGUE[r.training.loss].label },
  { label: 'Epochs', value: (r) => String(r.training.epochs) },
  { label: 'Batch size', value: (r) => String(r.training.batchSize) },
  { label: 'Validation split', value: (r) => String(r.training.validationSplit) },
  { label: 'Shuffle', value: (r) => (r.training.shuffle ? 'on' : 'off') },
  { label: 'Start from', value: (r) => startFromLabel(r.startFrom) },
  { label: 'Seed', value: (r) => String(r.training.seed) },
  { label: 'Backend', value: (r) => r.training.backend ?? 'auto' },
];

/**
 * What differs between runs: the settings whose values are not all equal, then the layers (matched by node id, in
 * the order they run) that were added, removed or set differently, then the wiring if it changed. Rows where every
 * run agrees are left out, so two runs of the same project show exactly what was changed between them.
 */
export function diffRuns(requests: readonly StartTrainingRequest[]): RunDiffRow[] {
  if (requests.length < 2) return [];
  const rows: RunDiffRow[] = [];
  for (const setting of SETTINGS) {
    const values = requests.map(setting.value);
    if (!allEqual(values)) rows.push({ group: 'setting', label: setting.label, values });
  }
  const graphs = requests.map((r) => r.graph);
  for (const id of nodeIdsInOrder(graphs)) {
    const nodes = graphs.map((graph) => graph.nodes.find((node) => node.id === id));
    const values = nodes.map((node) => (node ? describeNode(node) : ABSENT));
    if (allEqual(values)) continue;
    const named = nodes.find((node) => node !== undefined)!;
    rows.push({ group: 'layer', label: nodeLabel(named), values });
  }
  const wiring = graphs.map((graph) => describeWiring(graph));
  if (!allEqual(wiring)) rows.push({ group: 'wiring', label: 'Connections', values: wiring });
  return rows;
}

/** "Dense 128 relu": the layer's kind and the summary its canvas card shows. */
export function describeNode(node: GraphNode): string {
  const definition = getLayerDefinition(node.kind);
  const summary = definition.summary(withDefaults(node.kind, node.config) as LayerConfig);
  return summary ? `${definition.displayName} ${summary}` : definition.displayName;
}

function nodeLabel(node: GraphNode): string {
  return node.label ?? `${getLayerDefinition(node.kind).displayName} (${node.id})`;
}

function describeDataset(dataset: DatasetRef): string {
  const name = dataset.kind === 'builtin' ? dataset.id : (dataset.path.split(/[\\/]/).pop() ?? dataset.path);
  const params = dataset.kind === 'builtin' ? dataset.params : dataset.options;
  const extra = params ? Object.entries(params).map(([key, value]) => `${key} ${String(value)}`) : [];
  return extra.length > 0 ? `${name} (${extra.join(', ')})` : name;
}

/** Every node id of every graph, in the order of the first graph that has it (its run order), later graphs' extras after. */
function nodeIdsInOrder(graphs: readonly ModelGraph[]): string[] {
  const seen = new Set<string>();
  const ids: string[] = [];
  for (const graph of graphs) {
    const { order, cycleNodeIds } = topologicalOrder(
      graph.nodes.map((node) => node.id),
      graph.edges,
    );
    for (const id of [...order, ...cycleNodeIds]) {
      if (seen.has(id)) continue;
      seen.add(id);
      ids.push(id);
    }
  }
  return ids;
}

function describeWiring(graph: ModelGraph): string {
  const name = (id: string) => {
    const node = graph.nodes.find((n) => n.id === id);
    return node ? (node.label ?? node.id) : id;
  };
  return graph.edges
    .map((edge) => `${name(edge.source)}→${name(edge.target)}${edge.targetPort ? `#${edge.targetPort}` : ''}`)
    .sort()
    .join(', ');
}

function allEqual(values: readonly string[]): boolean {
  return values.every((value) => value === values[0]);
}
