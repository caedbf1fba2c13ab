import fc from 'fast-check';
import type { GraphEdge, GraphNode, JsonValue, LayerKind, ModelGraph, Shape } from '../model-graph';
import { LAYER_DEFINITIONS, withDefaults } from '../../layers/catalogue';
import type { ConfigField, LayerConfig, LayerDefinition, ShapeRepair } from '../../layers/layer-definition';
import { elementCount } from '../../layers/shape-math';
import { checkFieldValue } from '../validate-config';

/*
 * Random graphs for property tests: the engine's tfjs parity test (every node's shape and countParams() against
 * analyzeGraph) and analyzeGraph's own robustness tests. The kinds come from the catalogue: every single-input kind
 * is a step, every kind with more inputs a merge, every shape-keeping kind a residual branch. A kind's settings are
 * drawn from its fields' ranges unless RECIPES says otherwise. Steps are applied to the current tensor; a step the
 * tensor does not fit is repaired the way the editor would (the shape rule's ShapeRepair: a Flatten or a Reshape) or
 * skipped, so every generated graph is valid by construction and fast-check can still shrink the step list.
 */

/** Keeps tensors small so that building and running 200+ tfjs models stays quick. */
const MAX_ELEMENTS = 16 * 16 * 6;

/** Upper ends for fields without one, chosen to keep the models small: `min + span`. */
const INT_SPAN = 15;
const FLOAT_SPAN = 1;
const PAIR_MAX = 5;

/** How the generator sets up one kind, where drawing each field from its range is not enough. */
interface Recipe {
  /** Settings to draw instead of the fields' ranges. */
  config?: fc.Arbitrary<LayerConfig>;
  /** Settings that depend on the input shapes (Reshape's target, Concatenate's axis); null when nothing fits. */
  fit?: (inputs: Shape[], choice: number) => LayerConfig | null;
}

const RECIPES: Partial<Record<LayerKind, Recipe>> = {
  // Few filters keep the 200+ models of the tfjs parity test quick.
  Conv2D: { config: fieldConfig('Conv2D', { filters: fc.integer({ min: 1, max: 4 }) }) },
  Reshape: { fit: (inputs, choice) => ({ targetShape: pick(reshapeTargets(inputs[0]), choice) }) },
  Concatenate: { fit: (inputs, choice) => concatenateAxis(inputs, choice) },
};

type Step =
  | { t: 'layer'; kind: LayerKind; config: LayerConfig; choice: number }
  /** Two branches from the current tensor joined by a merge kind; a null `left` is the tensor itself (a skip). */
  | { t: 'merge'; kind: LayerKind; config: LayerConfig; choice: number; left: Step | null; right: Step };

const kindsWhere = (accept: (definition: LayerDefinition<LayerKind>) => boolean) =>
  LAYER_DEFINITIONS.filter((definition) => accept(definition)).map((definition) => definition.kind);

const SINGLE_INPUT_KINDS = kindsWhere(({ inputs }) => inputs.min <= 1 && inputs.max === 1);
const SHAPE_KEEPING_KINDS = kindsWhere(({ inputs, keepsShape }) => inputs.max === 1 && keepsShape === true);
const MERGE_KINDS = kindsWhere(({ inputs }) => inputs.max >= 2);

function arbLayerStep(kinds: readonly LayerKind[]): fc.Arbitrary<Step> {
  return fc.oneof(
    ...kinds.map((kind) =>
      fc.record({
        t: fc.constant('layer' as const),
        kind: fc.constant(kind),
        config: arbConfig(kind),
        choice: fc.nat(99),
      }),
    ),
  );
}

const arbSimpleStep = arbLayerStep(SINGLE_INPUT_KINDS);

function arbMergeStep(left: fc.Arbitrary<Step | null>, right: fc.Arbitrary<Step>): fc.Arbitrary<Step> {
  return fc.oneof(
    ...MERGE_KINDS.map((kind) =>
      fc.record({
        t: fc.constant('merge' as const),
        kind: fc.constant(kind),
        config: arbConfig(kind),
        choice: fc.nat(99),
        left,
        right,
      }),
    ),
  );
}

const arbStep: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: arbSimpleStep },
  { weight: 1, arbitrary: arbMergeStep(fc.constant(null), arbLayerStep(SHAPE_KEEPING_KINDS)) },
  { weight: 2, arbitrary: arbMergeStep(arbSimpleStep, arbSimpleStep) },
);

const arbInputShape: fc.Arbitrary<Shape> = fc.oneof(
  fc.tuple(fc.integer({ min: 4, max: 16 }), fc.integer({ min: 4, max: 16 }), fc.integer({ min: 1, max: 3 })),
  fc.tuple(fc.integer({ min: 1, max: 32 })),
);

/** Random valid graphs over every layer kind of the catalogue: chains, skip connections and merged branches. */
export function arbValidGraph(options: { maxSteps?: number } = {}): fc.Arbitrary<ModelGraph> {
  return fc
    .record({ input: arbInputShape, steps: fc.array(arbStep, { minLength: 1, maxLength: options.maxSteps ?? 10 }) })
    .map(({ input, steps }) => buildGraph(input, steps));
}

/** A kind's settings: each field drawn from its own range, or from `overrides` (null: leave at the default). */
function fieldConfig(
  kind: LayerKind,
  overrides: Record<string, fc.Arbitrary<JsonValue> | null> = {},
): fc.Arbitrary<LayerConfig> {
  const definition = LAYER_DEFINITIONS.find((d) => d.kind === kind) as LayerDefinition<LayerKind>;
  const entries: Record<string, fc.Arbitrary<JsonValue>> = {};
  for (const field of definition.fields) {
    const override = overrides[field.key];
    if (override === null) continue;
    entries[field.key] = override ?? arbFieldValue(field);
  }
  return fc.record(entries) as fc.Arbitrary<LayerConfig>;
}

function arbConfig(kind: LayerKind): fc.Arbitrary<LayerConfig> {
  return RECIPES[kind]?.config ?? fieldConfig(kind);
}

/** A value the field accepts (checkFieldValue, the rule the editor applies), within a small span. */
function arbFieldValue(field: ConfigField): fc.Arbitrary<JsonValue> {
  const valid = (value: JsonValue) => checkFieldValue(field, value) === null;
  switch (field.type) {
    case 'int': {
      const min = field.min ?? 0;
      return fc.integer({ min, max: field.max ?? min + INT_SPAN });
    }
    case 'float': {
      const min = field.min ?? 0;
      const max = field.max ?? min + FLOAT_SPAN;
      return fc.double({ min, max, noNaN: true }).filter(valid);
    }
    case 'enum':
      return fc.constantFrom(...field.choices);
    case 'bool':
      return fc.boolean();
    case 'shape':
      return fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 3 });
    case 'pair': {
      const side = fc.integer({ min: field.min ?? 1, max: PAIR_MAX });
      const pair = fc.tuple(side, side) as fc.Arbitrary<JsonValue>;
      return field.nullable ? fc.option(pair, { nil: null }) : pair;
    }
  }
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

/** Applies steps to a growing graph. */
function buildGraph(inputShape: Shape, steps: readonly Step[]): ModelGraph {
  const builder = new GraphBuilder();
  let current = builder.add('Input', { shape: [...inputShape] }, [], inputShape);
  for (const step of steps) current = applyStep(builder, current, step) ?? current;
  return builder.graph();
}

interface Tensor {
  id: string;
  shape: Shape;
}

class GraphBuilder {
  private nodes: GraphNode[] = [];
  private edges: GraphEdge[] = [];

  add(kind: LayerKind, config: LayerConfig, inputs: Tensor[], shape: Shape): Tensor {
    const id = `n${this.nodes.length}`;
    this.nodes.push({ id, kind, config, position: { x: 0, y: this.nodes.length * 100 } });
    inputs.forEach((input, port) => {
      const edge: GraphEdge = { id: `e${this.edges.length}`, source: input.id, target: id };
      if (inputs.length > 1) edge.targetPort = port;
      this.edges.push(edge);
    });
    return { id, shape };
  }

  /** A point to roll back to when a step turns out not to fit. */
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

/** The new tensor, or null (and nothing added) when the step cannot apply to `x`. */
function applyStep(builder: GraphBuilder, x: Tensor, step: Step): Tensor | null {
  const before = builder.mark();
  const result = step.t === 'layer' ? addLayer(builder, x, step) : addMerge(builder, x, step);
  if (result === null) builder.rollback(before);
  return result;
}

/** A single-input layer after `x`, behind the repair its shape rule asks for (if any). */
function addLayer(builder: GraphBuilder, x: Tensor, step: Extract<Step, { t: 'layer' }>): Tensor | null {
  const attempt = (input: Tensor) => outputOf(step.kind, step.config, [input.shape], step.choice);
  let input = x;
  let outcome = attempt(input);
  if (!outcome.ok && outcome.repair) {
    input = addRepair(builder, x, outcome.repair);
    outcome = attempt(input);
  }
  if (!outcome.ok) return null;
  return builder.add(step.kind, outcome.config, [input], outcome.shape);
}

function addMerge(builder: GraphBuilder, x: Tensor, step: Extract<Step, { t: 'merge' }>): Tensor | null {
  const left = step.left === null ? x : (applyStep(builder, x, step.left) ?? x);
  const right = applyStep(builder, x, step.right) ?? x;
  if (left.id === right.id) return null;
  const outcome = outputOf(step.kind, step.config, [left.shape, right.shape], step.choice);
  return outcome.ok ? builder.add(step.kind, outcome.config, [left, right], outcome.shape) : null;
}

type Outcome = { ok: true; config: LayerConfig; shape: Shape } | { ok: false; repair?: ShapeRepair };

/** What the catalogue's shape rule makes of the kind on these inputs, with the recipe's fitted settings. */
function outputOf(kind: LayerKind, drawn: LayerConfig, inputs: Shape[], choice: number): Outcome {
  const fitted = RECIPES[kind]?.fit?.(inputs, choice);
  if (fitted === null) return { ok: false };
  const config = { ...drawn, ...fitted };
  const definition = LAYER_DEFINITIONS.find((d) => d.kind === kind) as LayerDefinition<LayerKind>;
  const result = definition.outputShape(inputs, withDefaults(kind, config));
  if (!result.ok) return { ok: false, repair: result.repair };
  if (elementCount(result.shape) > MAX_ELEMENTS) return { ok: false };
  return { ok: true, config, shape: result.shape };
}

/** The layer a ShapeRepair names, inserted after `x` (the same layers the editor's one-click fixes insert). */
function addRepair(builder: GraphBuilder, x: Tensor, repair: ShapeRepair): Tensor {
  switch (repair.type) {
    case 'insert-flatten':
      return builder.add('Flatten', {}, [x], [elementCount(x.shape)]);
    case 'insert-reshape':
      return builder.add('Reshape', { targetShape: [...repair.targetShape] }, [x], [...repair.targetShape]);
  }
}

/** Concatenate's axis: one of the tfjs axes (negative from the end, positive counting the batch axis) that fits. */
function concatenateAxis(inputs: Shape[], choice: number): LayerConfig | null {
  const [left, right] = inputs;
  const rank = left.length;
  if (right.length !== rank) return null;
  const axes = [...Array.from({ length: rank }, (_, i) => -(i + 1)), ...Array.from({ length: rank }, (_, i) => i + 1)];
  const fitting = axes.filter((axis) => {
    const i = axis < 0 ? rank + axis : axis - 1;
    return left.every((dim, j) => j === i || dim === right[j]);
  });
  return fitting.length === 0 ? null : { axis: pick(fitting, choice) };
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

function pick<T>(items: readonly T[], choice: number): T {
  return items[choice % items.length];
}
