import type { LayerKind, Shape } from '../../../shared/graph/model-graph';
import { getLayerDefinition } from '../../../shared/layers/catalogue';
import { KERNEL_INITIALIZERS, LAYER_ACTIVATIONS } from '../../../shared/layers/choices';
import type { LayerConfig } from '../../../shared/layers/layer-definition';
import type { KerasLayer } from './keras-topology';
import { isRecord } from './keras-topology';

/** One Keras layer as a LayerLab node, or null when its problems were reported. */
export interface ImportedNode {
  kind: LayerKind;
  config: LayerConfig;
  /** A check that needs the layer's input shape (e.g. BatchNormalization's axis), run once shapes are known. */
  check?: (input: Shape) => string | null;
}

/** Keys every layer may carry that do not change what it computes. */
const IGNORED = new Set([
  'name',
  'trainable',
  'dtype',
  'batch_input_shape',
  'batch_shape',
  'input_shape',
  'input_dim',
  'seed',
  'module',
  'registered_name',
  'build_config',
]);

/** The largest sample dimension and element count an imported Input may declare. */
const MAX_DIM = 1 << 20;
const MAX_SAMPLE_ELEMENTS = 1 << 28;

/**
 * A layer's config as the importer reads it: every key it looks at is marked, and `leftovers` reports any other
 * key set to something (unknown options could change what the layer computes, so they are not dropped silently).
 */
export class LayerOptions {
  readonly problems: string[] = [];
  private readonly read = new Set<string>();

  constructor(readonly layer: KerasLayer) {}

  get(key: string): unknown {
    this.read.add(key);
    return this.layer.config[key];
  }

  problem(text: string): void {
    this.problems.push(`layer "${this.layer.name}" (${this.layer.className}): ${text}`);
  }

  /** Reports `key` unless it is absent, null or accepted by `ok`; `supported` says what LayerLab has. */
  only(key: string, ok: (value: unknown) => boolean, supported: string): void {
    const value = this.get(key);
    if (value === undefined || value === null || ok(value)) return;
    this.problem(`${key} ${show(value)} is not supported (LayerLab: ${supported})`);
  }

  leftovers(): void {
    for (const [key, value] of Object.entries(this.layer.config)) {
      if (this.read.has(key) || IGNORED.has(key) || isNeutral(value)) continue;
      this.problem(`option ${key} = ${show(value)} is not supported`);
    }
  }

  positiveInt(key: string): number {
    const value = this.get(key);
    if (typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= MAX_DIM) return value;
    this.problem(`${key} ${show(value)} must be a positive integer up to ${MAX_DIM}`);
    return 1;
  }

  number(key: string, fallback: number): number {
    const value = this.get(key);
    if (value === undefined) return fallback;
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    this.problem(`${key} ${show(value)} must be a number`);
    return fallback;
  }

  /** `3` or `[3, 3]` → [3, 3]. */
  pair(key: string, fallback: [number, number] | null): [number, number] | null {
    const value = this.get(key);
    if (value === undefined || value === null) return fallback;
    const list = typeof value === 'number' ? [value, value] : value;
    if (Array.isArray(list) && list.length === 2 && list.every((v) => Number.isInteger(v) && v > 0 && v <= MAX_DIM)) {
      return [list[0] as number, list[1] as number];
    }
    this.problem(`${key} ${show(value)} must be one or two positive integers`);
    return fallback;
  }

  padding(): string {
    const value = this.get('padding') ?? 'valid';
    if (value === 'same' || value === 'valid') return value;
    this.problem(`padding ${show(value)} is not supported (LayerLab: same, valid)`);
    return 'valid';
  }

  channelsLast(): void {
    this.only('data_format', (v) => v === 'channels_last', 'channels_last');
  }

  activation(key = 'activation'): string {
    const value = this.get(key) ?? 'linear';
    if (typeof value === 'string' && (LAYER_ACTIVATIONS as readonly string[]).includes(value)) return value;
    this.problem(`activation ${show(value)} is not supported (LayerLab: ${LAYER_ACTIVATIONS.join(', ')})`);
    return 'linear';
  }

  kernelInitializer(key = 'kernel_initializer'): string {
    const value = this.get(key);
    if (value === undefined || value === null) return 'glorotUniform';
    const name = initializerName(value);
    if (name != null && (KERNEL_INITIALIZERS as readonly string[]).includes(name)) return name;
    this.problem(`${key} ${show(value)} is not supported (LayerLab: ${KERNEL_INITIALIZERS.join(', ')})`);
    return 'glorotUniform';
  }

  /** Reports an initializer other than the one LayerLab always uses for this weight. */
  fixedInitializer(key: string, expected: 'zeros' | 'ones'): void {
    this.only(key, (v) => initializerName(v) === expected, expected);
  }
}

const ACTIVATION_LAYER_FUNCTIONS = ['relu', 'sigmoid', 'tanh', 'elu', 'selu', 'softplus', 'softsign', 'linear'];

/** One Keras layer class → a LayerLab node; aliases map to the same importer. */
type KerasImporter = (options: LayerOptions) => ImportedNode;

function pooling(kind: 'MaxPool2D' | 'AvgPool2D'): KerasImporter {
  return (o) => {
    o.channelsLast();
    const poolSize = o.pair('pool_size', [2, 2]);
    return { kind, config: { poolSize, strides: o.pair('strides', null), padding: o.padding() } };
  };
}

const MAX_POOL = pooling('MaxPool2D');
const AVG_POOL = pooling('AvgPool2D');

/** Keras layer classes LayerLab imports (tfjs writes the same class names as Keras). */
export const KERAS_IMPORTERS: Record<string, KerasImporter> = {
  InputLayer: (o) => {
    const batchShape = o.get('batch_input_shape') ?? o.get('batch_shape');
    o.only('sparse', (v) => v === false, 'dense inputs');
    o.only('ragged', (v) => v === false, 'dense inputs');
    return { kind: 'Input', config: { shape: inputShape(o, batchShape) } };
  },
  Dense: (o) => {
    const config = {
      units: o.positiveInt('units'),
      activation: o.activation(),
      useBias: o.get('use_bias') !== false,
      kernelInitializer: o.kernelInitializer(),
    };
    o.fixedInitializer('bias_initializer', 'zeros');
    return { kind: 'Dense', config };
  },
  Conv2D: (o) => {
    o.channelsLast();
    o.only('dilation_rate', (v) => v === 1 || (Array.isArray(v) && v.every((d) => d === 1)), '1');
    o.only('groups', (v) => v === 1, '1');
    const config = {
      filters: o.positiveInt('filters'),
      kernelSize: o.pair('kernel_size', [1, 1]),
      strides: o.pair('strides', [1, 1]),
      padding: o.padding(),
      activation: o.activation(),
      useBias: o.get('use_bias') !== false,
      kernelInitializer: o.kernelInitializer(),
    };
    o.fixedInitializer('bias_initializer', 'zeros');
    return { kind: 'Conv2D', config };
  },
  MaxPooling2D: MAX_POOL,
  MaxPool2D: MAX_POOL,
  AveragePooling2D: AVG_POOL,
  AvgPool2D: AVG_POOL,
  Dropout: (o) => {
    o.only('noise_shape', () => false, 'none');
    return { kind: 'Dropout', config: { rate: o.number('rate', 0.5) } };
  },
  Activation: (o): ImportedNode => {
    const value = o.get('activation');
    if (typeof value === 'string' && ACTIVATION_LAYER_FUNCTIONS.includes(value)) {
      return { kind: 'Activation', config: { activation: value } };
    }
    if (value === 'softmax') return { kind: 'Softmax', config: {} };
    if (value === 'leaky_relu') return { kind: 'Activation', config: { activation: 'leakyRelu', alpha: 0.2 } };
    o.problem(
      `activation ${show(value)} is not supported (LayerLab: ${ACTIVATION_LAYER_FUNCTIONS.join(', ')}, softmax, leaky_relu)`,
    );
    return { kind: 'Activation', config: { activation: 'linear' } };
  },
  ReLU: (o): ImportedNode => {
    o.only('max_value', () => false, 'no cap');
    o.only('threshold', (v) => v === 0, '0');
    const slope = o.number('negative_slope', 0);
    return slope === 0
      ? { kind: 'Activation', config: { activation: 'relu' } }
      : { kind: 'Activation', config: { activation: 'leakyRelu', alpha: slope } };
  },
  // Keras 2 and tfjs call the slope alpha, Keras 3 negative_slope.
  LeakyReLU: (o) => ({
    kind: 'Activation',
    config: { activation: 'leakyRelu', alpha: o.number('negative_slope', o.number('alpha', 0.3)) },
  }),
  ELU: (o) => {
    o.only('alpha', (v) => v === 1, '1');
    return { kind: 'Activation', config: { activation: 'elu' } };
  },
  Softmax: (o) => {
    o.only('axis', (v) => v === -1 || (Array.isArray(v) && v.length === 1 && v[0] === -1), '-1, the last axis');
    return { kind: 'Softmax', config: {} };
  },
  Flatten: (o) => {
    o.channelsLast();
    return { kind: 'Flatten', config: {} };
  },
  Reshape: (o) => {
    const target = o.get('target_shape');
    if (
      !Array.isArray(target) ||
      target.length === 0 ||
      !target.every((d) => Number.isInteger(d) && d > 0 && d <= MAX_DIM)
    ) {
      o.problem(`target_shape ${show(target)} is not supported (LayerLab: positive sizes, no -1)`);
      return { kind: 'Reshape', config: { targetShape: [1] } };
    }
    return { kind: 'Reshape', config: { targetShape: target as number[] } };
  },
  BatchNormalization: (o) => {
    const axis = o.get('axis') ?? -1;
    o.only('center', (v) => v === true, 'true');
    o.only('scale', (v) => v === true, 'true');
    o.fixedInitializer('beta_initializer', 'zeros');
    o.fixedInitializer('gamma_initializer', 'ones');
    o.fixedInitializer('moving_mean_initializer', 'zeros');
    o.fixedInitializer('moving_variance_initializer', 'ones');
    const config = { momentum: o.number('momentum', 0.99), epsilon: o.number('epsilon', 0.001) };
    return {
      kind: 'BatchNorm',
      config,
      check: (input) => {
        const axes = Array.isArray(axis) ? axis : [axis];
        const last = axes.length === 1 && (axes[0] === -1 || axes[0] === input.length);
        return last
          ? null
          : `layer "${o.layer.name}" (BatchNormalization): axis ${show(axis)} is not supported (LayerLab: the last axis)`;
      },
    };
  },
  Add: () => ({ kind: 'Add', config: {} }),
  Concatenate: (o) => {
    const axis = o.get('axis') ?? -1;
    if (typeof axis === 'number' && Number.isInteger(axis) && axis !== 0)
      return { kind: 'Concatenate', config: { axis } };
    o.problem(`axis ${show(axis)} is not supported (LayerLab: a whole number, not the batch axis 0)`);
    return { kind: 'Concatenate', config: { axis: -1 } };
  },
  GaussianNoise: (o) => ({ kind: 'GaussianNoise', config: { stddev: o.number('stddev', 0.1) } }),
  Maxout: (o) => {
    const config = { units: o.positiveInt('units'), pieces: o.positiveInt('pieces') };
    // LayerLab's Maxout always starts from Glorot-uniform weights and zero biases.
    o.only('kernel_initializer', (v) => initializerName(v) === 'glorotUniform', 'glorot_uniform');
    o.fixedInitializer('bias_initializer', 'zeros');
    return { kind: 'Maxout', config };
  },
};

/** Converts one Keras layer; problems (unsupported class or options) are added to `problems`. */
export function importKerasLayer(layer: KerasLayer, problems: string[]): ImportedNode | null {
  const importer = KERAS_IMPORTERS[layer.className];
  if (importer == null) {
    problems.push(`layer "${layer.name}": ${layer.className} layers are not supported`);
    return null;
  }
  const options = new LayerOptions(layer);
  const node = importer(options);
  options.leftovers();
  problems.push(...options.problems);
  if (options.problems.length > 0) return null;
  // A frozen Keras layer stays frozen where LayerLab can freeze it (the kinds that hold weights have the field).
  const freezable = getLayerDefinition(node.kind).fields.some((field) => field.key === 'trainable');
  return layer.config.trainable === false && freezable
    ? { ...node, config: { ...node.config, trainable: false } }
    : node;
}

function inputShape(o: LayerOptions, batchShape: unknown): number[] {
  if (!Array.isArray(batchShape) || batchShape.length < 2) {
    o.problem(`the input shape ${show(batchShape)} is not readable (expected [null, ...sizes])`);
    return [1];
  }
  const dims = batchShape.slice(1);
  if (!dims.every((d) => Number.isInteger(d) && d > 0 && d <= MAX_DIM)) {
    o.problem(`input shape ${show(batchShape)} is not supported (LayerLab: fixed positive sizes up to ${MAX_DIM})`);
    return [1];
  }
  const elements = (dims as number[]).reduce((product, d) => product * d, 1);
  if (elements > MAX_SAMPLE_ELEMENTS) {
    o.problem(`input shape ${show(batchShape)} holds ${elements} values per sample, more than LayerLab handles`);
    return [1];
  }
  return dims as number[];
}

/**
 * LayerLab's name of a Keras/tfjs initializer: by class (`GlorotUniform`, `he_normal`) or by the variance-scaling
 * parameters tfjs saves them as (`VarianceScaling` {scale 1, mode fan_avg, distribution uniform} = glorotUniform).
 */
export function initializerName(value: unknown): string | null {
  const className = typeof value === 'string' ? value : isRecord(value) ? value.class_name : null;
  const config = isRecord(value) && isRecord(value.config) ? value.config : {};
  if (typeof className !== 'string') return null;
  const key = className.replace(/_/g, '').toLowerCase();
  const named: Record<string, string> = {
    glorotuniform: 'glorotUniform',
    glorotnormal: 'glorotNormal',
    henormal: 'heNormal',
    heuniform: 'heUniform',
    lecunnormal: 'leCunNormal',
    lecununiform: 'leCunUniform',
    zeros: 'zeros',
    zero: 'zeros',
    ones: 'ones',
    one: 'ones',
  };
  if (key in named) return named[key];
  if (key === 'randomnormal') {
    return (config.mean ?? 0) === 0 && (config.stddev ?? 0.05) === 0.05 ? 'randomNormal' : null;
  }
  if (key === 'variancescaling') {
    const uniform = config.distribution === 'uniform';
    const normal = config.distribution === 'normal' || config.distribution === 'truncated_normal';
    const mode = String(config.mode ?? '')
      .replace(/_/g, '')
      .toLowerCase();
    if (config.scale === 1 && mode === 'fanavg') return uniform ? 'glorotUniform' : normal ? 'glorotNormal' : null;
    if (config.scale === 2 && mode === 'fanin') return uniform ? 'heUniform' : normal ? 'heNormal' : null;
    if (config.scale === 1 && mode === 'fanin') return uniform ? 'leCunUniform' : normal ? 'leCunNormal' : null;
  }
  return null;
}

/** Values that mean "off": such options never change what a layer computes. */
function isNeutral(value: unknown): boolean {
  return (
    value === null ||
    value === false ||
    (Array.isArray(value) && value.length === 0) ||
    (isRecord(value) && Object.keys(value).length === 0)
  );
}

function show(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
