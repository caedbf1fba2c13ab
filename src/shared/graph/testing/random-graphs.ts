import fc from 'fast-check';
import type { GraphEdge, GraphNode, JsonValue, LayerKind, ModelGraph, Shape } from '../model-graph';
import { LAYER_ACTIVATIONS, KERNEL_INITIALIZERS } from '../../layers/choices';
import { convOutputLength, elementCount } from '../../layers/shape-math';

/*
 * Random graphs for property tests: the engine's tfjs parity test (every node's shape and countParams() against
 * analyzeGraph) and analyzeGraph's own robustness tests. Graphs are built from a list of random steps applied to
 * the current tensor; a step that does not fit the current shape is adapted (a Flatten or Reshape is inserted) or
 * skipped, so every generated graph is valid by construction and fast-check can still shrink the step list.
 */

/** Keeps tensors small so that building and running 200+ tfjs models stays quick. */
const MAX_ELEMENTS = 16 * 16 * 6;

type Step =
  | { t: 'dense'; units: number; activation: string; useBias: boolean; kernelInitializer: string }
  | { t: 'maxout'; units: number; pieces: number }
  | { t: 'activation'; activation: string; alpha: number }
  | { t: 'softmax' }
  | { t: 'dropout'; rate: number }
  | { t: 'noise'; stddev: number }
  | { t: 'batchnorm'; momentum: number; epsilon: number }
  | {
      t: 'conv';
      filters: number;
      kernelSize: [number, number];
      strides: [number, number];
      padding: string;
      activation: string;
      useBias: boolean;
    }
  | {
      t: 'pool';
      kind: 'MaxPool2D' | 'AvgPool2D';
      poolSize: [number, number];
      strides: [number, number] | null;
      padding: string;
    }
  | { t: 'flatten' }
  | { t: 'reshape'; choice: number }
  | { t: 'residual'; inner: Step }
  | { t: 'branch'; merge: 'Add' | 'Concatenate'; axisChoice: number; left: Step; right: Step };

const smallPair = (max: number) => fc.tuple(fc.integer({ min: 1, max }), fc.integer({ min: 1, max }));

/** Layers that keep the shape; usable on both sides of any merge. */
const arbShapeKeepingStep: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    t: fc.constant('activation' as const),
    activation: fc.constantFrom(
      'relu',
      'sigmoid',
      'tanh',
      'elu',
      'selu',
      'softplus',
      'softsign',
      'leakyRelu',
      'linear',
    ),
    alpha: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  fc.constant({ t: 'softmax' as const }),
  fc.record({ t: fc.constant('dropout' as const), rate: fc.double({ min: 0, max: 0.9, noNaN: true }) }),
  fc.record({ t: fc.constant('noise' as const), stddev: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({
    t: fc.constant('batchnorm' as const),
    momentum: fc.double({ min: 0.01, max: 0.99, noNaN: true }),
    epsilon: fc.double({ min: 1e-5, max: 0.1, noNaN: true }),
  }),
);

const arbDenseStep = fc.record({
  t: fc.constant('dense' as const),
  units: fc.integer({ min: 1, max: 16 }),
  activation: fc.constantFrom(...LAYER_ACTIVATIONS),
  useBias: fc.boolean(),
  kernelInitializer: fc.constantFrom(...KERNEL_INITIALIZERS),
});

const arbConvStep = fc.record({
  t: fc.constant('conv' as const),
  filters: fc.integer({ min: 1, max: 4 }),
  kernelSize: smallPair(5),
  strides: smallPair(3),
  padding: fc.constantFrom('same', 'valid'),
  activation: fc.constantFrom(...LAYER_ACTIVATIONS),
  useBias: fc.boolean(),
});

const arbSimpleStep: fc.Arbitrary<Step> = fc.oneof(
  arbShapeKeepingStep,
  arbDenseStep,
  arbConvStep,
  fc.record({
    t: fc.constant('maxout' as const),
    units: fc.integer({ min: 1, max: 16 }),
    pieces: fc.integer({ min: 2, max: 4 }),
  }),
  fc.record({
    t: fc.constant('pool' as const),
    kind: fc.constantFrom('MaxPool2D' as const, 'AvgPool2D' as const),
    poolSize: smallPair(3),
    strides: fc.option(smallPair(3), { nil: null }),
    padding: fc.constantFrom('valid', 'same'),
  }),
  fc.constant({ t: 'flatten' as const }),
  fc.record({ t: fc.constant('reshape' as const), choice: fc.nat(99) }),
);

const arbStep: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: arbSimpleStep },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('residual' as const), inner: arbShapeKeepingStep }) },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('branch' as const),
      merge: fc.constantFrom('Add' as const, 'Concatenate' as const),
      axisChoice: fc.nat(9),
      left: fc.oneof(arbShapeKeepingStep, arbDenseStep, arbConvStep),
      right: fc.oneof(arbShapeKeepingStep, arbDenseStep, arbConvStep),
    }),
  },
);

const arbInputShape: fc.Arbitrary<Shape> = fc.oneof(
  fc.tuple(fc.integer({ min: 4, max: 16 }), fc.integer({ min: 4, max: 16 }), fc.integer({ min: 1, max: 3 })),
  fc.tuple(fc.integer({ min: 1, max: 32 })),
);

/** Random valid graphs over every layer kind: chains, residual connections and branches merged by Add/Concatenate. */
export function arbValidGraph(options: { maxSteps?: number } = {}): fc.Arbitrary<ModelGraph> {
  return fc
    .record({ input: arbInputShape, steps: fc.array(arbStep, { minLength: 1, maxLength: options.maxSteps ?? 10 }) })
    .map(({ input, steps }) => buildGraph(input, steps));
}

/** Any JSON value, including deep and odd ones (for parsers that must never throw). */
export function arbAnyJson(): fc.Arbitrary<JsonValue> {
  return fc.jsonValue() as fc.Arbitrary<JsonValue>;
}

/** A valid graph damaged in random ways: the input analyzeGraph must survive without throwing. */
export function arbBrokenGraph(): fc.Arbitrary<unknown> {
  const damage = fc.oneof(
    fc.record({ d: fc.constant('drop-node' as const), at: fc.nat() }),
    fc.record({ d: fc.constant('drop-edge' as const), at: fc.nat() }),
    fc.record({ d: fc.constant('rewire' as const), at: fc.nat(), to: fc.nat() }),
    fc.record({ d: fc.constant('dangling-edge' as const), at: fc.nat(), id: fc.string() }),
    fc.record({
      d: fc.constant('config' as const),
      at: fc.nat(),
      key: fc.constantFrom(
        'units',
        'shape',
        'rate',
        'kernelSize',
        'strides',
        'axis',
        'targetShape',
        'activation',
        'poolSize',
      ),
      value: arbAnyJson(),
    }),
    fc.record({
      d: fc.constant('field' as const),
      at: fc.nat(),
      key: fc.constantFrom('id', 'kind', 'config', 'position'),
      value: arbAnyJson(),
    }),
    fc.record({ d: fc.constant('duplicate' as const), at: fc.nat() }),
    fc.record({ d: fc.constant('output' as const), value: arbAnyJson() }),
    fc.record({ d: fc.constant('replace' as const), value: arbAnyJson() }),
  );
  return fc
    .tuple(arbValidGraph({ maxSteps: 6 }), fc.array(damage, { minLength: 1, maxLength: 4 }))
    .map(([graph, damages]) => {
      let broken: any = structuredClone(graph);
      for (const hurt of damages) {
        if (!broken || typeof broken !== 'object' || !Array.isArray(broken.nodes) || !Array.isArray(broken.edges))
          break;
        const nodes: any[] = broken.nodes;
        const edges: any[] = broken.edges;
        const at = 'at' in hurt ? hurt.at : 0;
        const node = nodes.length > 0 ? nodes[at % nodes.length] : undefined;
        const edge = edges.length > 0 ? edges[at % edges.length] : undefined;
        switch (hurt.d) {
          case 'drop-node':
            if (nodes.length > 0) nodes.splice(hurt.at % nodes.length, 1);
            break;
          case 'drop-edge':
            if (edges.length > 0) edges.splice(hurt.at % edges.length, 1);
            break;
          case 'rewire':
            if (edge && nodes.length > 0) edge.target = nodes[hurt.to % nodes.length].id;
            break;
          case 'dangling-edge':
            if (nodes.length > 0)
              edges.push({ id: `x${edges.length}`, source: nodes[hurt.at % nodes.length].id, target: hurt.id });
            break;
          case 'config':
            if (node && node.config && typeof node.config === 'object') node.config[hurt.key] = hurt.value;
            break;
          case 'field':
            if (node) node[hurt.key] = hurt.value;
            break;
          case 'duplicate':
            if (node) nodes.push(structuredClone(node));
            break;
          case 'output':
            broken.outputId = hurt.value;
            break;
          case 'replace':
            broken = hurt.value;
            break;
        }
      }
      return broken;
    });
}

/** Applies steps to a growing graph; exported for fixtures that want a particular recipe. */
function buildGraph(inputShape: Shape, steps: readonly Step[]): ModelGraph {
  const builder = new GraphBuilder();
  let current = builder.add('Input', { shape: [...inputShape] }, [], inputShape);
  for (const step of steps) current = applyStep(builder, current, step);
  return builder.graph();
}

interface Tensor {
  id: string;
  shape: Shape;
}

class GraphBuilder {
  private nodes: GraphNode[] = [];
  private edges: GraphEdge[] = [];

  add(kind: LayerKind, config: Record<string, JsonValue>, inputs: Tensor[], shape: Shape): Tensor {
    const id = `n${this.nodes.length}`;
    this.nodes.push({ id, kind, config, position: { x: 0, y: this.nodes.length * 100 } });
    inputs.forEach((input, port) => {
      const edge: GraphEdge = { id: `e${this.edges.length}`, source: input.id, target: id };
      if (inputs.length > 1) edge.targetPort = port;
      this.edges.push(edge);
    });
    return { id, shape };
  }

  /** A point to roll back to when a branch turns out not to merge. */
  mark(): { nodes: number; edges: number } {
    return { nodes: this.nodes.length, edges: this.edges.length };
  }

  rollback(mark: { nodes: number; edges: number }): void {
    this.nodes.length = mark.nodes;
    this.edges.length = mark.edges;
  }

  graph(): ModelGraph {
    return { version: 1, nodes: this.nodes, edges: this.edges };
  }
}

function applyStep(builder: GraphBuilder, x: Tensor, step: Step): Tensor {
  switch (step.t) {
    case 'residual': {
      const inner = applyStep(builder, x, step.inner);
      return builder.add('Add', {}, [x, inner], x.shape);
    }
    case 'branch':
      return applyBranch(builder, x, step);
    default:
      return applySimple(builder, x, step) ?? x;
  }
}

/** The node for a single-input step, adapting the input if needed; null (and nothing added) when it cannot apply. */
function applySimple(builder: GraphBuilder, x: Tensor, step: Step): Tensor | null {
  const before = builder.mark();
  const result = addSimple(builder, x, step);
  if (result === null) builder.rollback(before);
  return result;
}

function addSimple(builder: GraphBuilder, x: Tensor, step: Step): Tensor | null {
  switch (step.t) {
    case 'dense': {
      if (elementCount(x.shape.slice(0, -1)) * step.units > MAX_ELEMENTS) return null;
      const { t: _t, ...config } = step;
      return builder.add('Dense', config, [x], [...x.shape.slice(0, -1), step.units]);
    }
    case 'maxout': {
      const flat = x.shape.length === 1 ? x : builder.add('Flatten', {}, [x], [elementCount(x.shape)]);
      return builder.add('Maxout', { units: step.units, pieces: step.pieces }, [flat], [step.units]);
    }
    case 'activation':
      return builder.add('Activation', { activation: step.activation, alpha: step.alpha }, [x], x.shape);
    case 'softmax':
      return builder.add('Softmax', {}, [x], x.shape);
    case 'dropout':
      return builder.add('Dropout', { rate: step.rate }, [x], x.shape);
    case 'noise':
      return builder.add('GaussianNoise', { stddev: step.stddev }, [x], x.shape);
    case 'batchnorm':
      return builder.add('BatchNorm', { momentum: step.momentum, epsilon: step.epsilon }, [x], x.shape);
    case 'flatten':
      return x.shape.length === 1 ? null : builder.add('Flatten', {}, [x], [elementCount(x.shape)]);
    case 'reshape': {
      const targets = reshapeTargets(x.shape);
      const target = targets[step.choice % targets.length];
      return builder.add('Reshape', { targetShape: target }, [x], target);
    }
    case 'conv': {
      const image = asImage(builder, x);
      if (!image) return null;
      const out = windowShape(image.shape, step.kernelSize, step.strides, step.padding, step.filters);
      if (!out || elementCount(out) > MAX_ELEMENTS) return null;
      const { t: _t, ...rest } = step;
      return builder.add('Conv2D', { ...rest, kernelInitializer: 'glorotUniform' }, [image], out);
    }
    case 'pool': {
      const image = asImage(builder, x);
      if (!image) return null;
      const out = windowShape(image.shape, step.poolSize, step.strides ?? step.poolSize, step.padding, image.shape[2]);
      if (!out) return null;
      return builder.add(
        step.kind,
        { poolSize: step.poolSize, strides: step.strides, padding: step.padding },
        [image],
        out,
      );
    }
    case 'residual':
    case 'branch':
      return null;
  }
}

function applyBranch(builder: GraphBuilder, x: Tensor, step: Extract<Step, { t: 'branch' }>): Tensor {
  const left = applySimple(builder, x, step.left) ?? x;
  const beforeRight = builder.mark();
  const right = applySimple(builder, x, step.right) ?? x;
  const merged = mergeBranches(builder, left, right, step);
  if (merged) return merged;
  // Unmergeable: keep the left branch as a plain chain, and no dangling right branch.
  builder.rollback(beforeRight);
  return left;
}

function mergeBranches(
  builder: GraphBuilder,
  left: Tensor,
  right: Tensor,
  step: Extract<Step, { t: 'branch' }>,
): Tensor | null {
  if (left.id === right.id) return null;
  const rank = left.shape.length;
  if (step.merge === 'Add') {
    return sameShape(left.shape, right.shape) ? builder.add('Add', {}, [left, right], left.shape) : null;
  }
  if (right.shape.length !== rank) return null;
  // tfjs axes: negative from the end, positive counting the batch axis as 0.
  const axes = [...Array.from({ length: rank }, (_, i) => -(i + 1)), ...Array.from({ length: rank }, (_, i) => i + 1)];
  const fitting = axes.filter((axis) => {
    const i = axis < 0 ? rank + axis : axis - 1;
    return left.shape.every((dim, j) => j === i || dim === right.shape[j]);
  });
  if (fitting.length === 0) return null;
  const axis = fitting[step.axisChoice % fitting.length];
  const i = axis < 0 ? rank + axis : axis - 1;
  const out = [...left.shape];
  out[i] += right.shape[i];
  if (elementCount(out) > MAX_ELEMENTS) return null;
  return builder.add('Concatenate', { axis }, [left, right], out);
}

/** Rank-3 input for Conv2D/pooling: as is, or a flat vector reshaped to a square when its length is one. */
function asImage(builder: GraphBuilder, x: Tensor): Tensor | null {
  if (x.shape.length === 3) return x;
  const count = elementCount(x.shape);
  const side = Math.round(Math.sqrt(count));
  if (side * side !== count || side < 2) return null;
  return builder.add('Reshape', { targetShape: [side, side, 1] }, [x], [side, side, 1]);
}

function windowShape(
  input: Shape,
  window: [number, number],
  strides: [number, number],
  padding: string,
  channels: number,
): Shape | null {
  const h = convOutputLength(input[0], window[0], padding, strides[0]);
  const w = convOutputLength(input[1], window[1], padding, strides[1]);
  return h > 0 && w > 0 ? [h, w, channels] : null;
}

/** Shapes with the same element count: flat, and a few factorisations into 2 or 3 axes. */
function reshapeTargets(shape: Shape): Shape[] {
  const count = elementCount(shape);
  const targets: Shape[] = [[count]];
  for (let a = 2; a <= count / 2 && targets.length < 8; a++) {
    if (count % a !== 0) continue;
    targets.push([a, count / a]);
    const rest = count / a;
    for (let b = 2; b <= rest / 2 && targets.length < 8; b++) {
      if (rest % b === 0) targets.push([a, b, rest / b]);
    }
  }
  return targets;
}

function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((dim, i) => dim === b[i]);
}
