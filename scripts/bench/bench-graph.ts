/**
 * How long analyzeGraph takes on a large graph: the renderer runs it on every edit, so it must stay far below a
 * frame (target: well under 10 ms for 300 nodes). Run with `npx tsx scripts/bench/bench-graph.ts`.
 */
import { analyzeGraph } from '../../src/shared/graph/analyze-graph';
import type { GraphEdge, GraphNode, JsonValue, LayerKind, ModelGraph } from '../../src/shared/graph/model-graph';

const NODE_TARGET = 300;
const WARMUP_RUNS = 50;
const MEASURED_RUNS = 500;

/** A long chain of residual and concatenation blocks over images, then flattened into a small classifier. */
function buildLargeGraph(): ModelGraph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const add = (kind: LayerKind, config: Record<string, JsonValue>, ...inputs: string[]): string => {
    const id = `n${nodes.length}`;
    nodes.push({ id, kind, config, position: { x: 0, y: nodes.length * 80 } });
    inputs.forEach((source, port) =>
      edges.push({ id: `e${edges.length}`, source, target: id, targetPort: inputs.length > 1 ? port : undefined }),
    );
    return id;
  };
  let x = add('Input', { shape: [16, 16, 3] });
  x = add('Conv2D', { filters: 8, kernelSize: [3, 3] }, x);
  let block = 0;
  while (nodes.length < NODE_TARGET - 6) {
    if (block++ % 2 === 0) {
      // Residual block: conv → batchnorm → relu, added back onto its input.
      const conv = add('Conv2D', { filters: 8, kernelSize: [3, 3], activation: 'linear' }, x);
      const norm = add('BatchNorm', {}, conv);
      const relu = add('Activation', { activation: 'relu' }, norm);
      x = add('Add', {}, x, relu);
    } else {
      // Two branches joined on the channel axis, then squeezed back to 8 channels.
      const left = add('Conv2D', { filters: 4, kernelSize: [1, 1] }, x);
      const right = add('Conv2D', { filters: 4, kernelSize: [3, 3] }, x);
      const joined = add('Concatenate', { axis: -1 }, left, right);
      x = add('Dropout', { rate: 0.1 }, joined);
    }
  }
  x = add('MaxPool2D', {}, x);
  x = add('Flatten', {}, x);
  x = add('Dense', { units: 32 }, x);
  x = add('Dropout', { rate: 0.5 }, x);
  add('Dense', { units: 5, activation: 'softmax' }, x);
  return { version: 1, nodes, edges };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

const graph = buildLargeGraph();
const context = { inputShape: [16, 16, 3], numClasses: 5 };
const check = analyzeGraph(graph, context);
if (check.problems.length > 0) {
  console.error(
    'The benchmark graph has problems:',
    check.problems.map((p) => p.message),
  );
  process.exit(1);
}
for (let i = 0; i < WARMUP_RUNS; i++) analyzeGraph(graph, context);
const times: number[] = [];
// CPU time as well as wall time: on a loaded 2-core machine the wall-clock tail mostly measures other processes.
const cpuTimes: number[] = [];
for (let i = 0; i < MEASURED_RUNS; i++) {
  const cpuStarted = process.cpuUsage();
  const started = performance.now();
  analyzeGraph(graph, context);
  times.push(performance.now() - started);
  const cpu = process.cpuUsage(cpuStarted);
  cpuTimes.push((cpu.user + cpu.system) / 1000);
}
times.sort((a, b) => a - b);
cpuTimes.sort((a, b) => a - b);
const report = (label: string, sorted: number[]) =>
  console.log(
    `${label}: median ${percentile(sorted, 0.5).toFixed(3)} ms · p95 ${percentile(sorted, 0.95).toFixed(3)} ms · max ${sorted[sorted.length - 1].toFixed(3)} ms`,
  );
console.log(
  `analyzeGraph: ${graph.nodes.length} nodes, ${graph.edges.length} edges, ${check.totalParams} params, ${MEASURED_RUNS} runs`,
);
report('wall', times);
report('cpu ', cpuTimes);
