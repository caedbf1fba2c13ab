import * as tf from '@tensorflow/tfjs';
import type { LayerArgs } from '@tensorflow/tfjs-layers/dist/engine/topology';
import type { Initializer } from '@tensorflow/tfjs-layers/dist/initializers';

/** A serialized tfjs object as it appears in model.json: `{ className, config }`. */
interface SerializedObject {
  className: string;
  config: tf.serialization.ConfigDict;
}

export interface MaxoutLayerArgs extends LayerArgs {
  /** Number of outputs. */
  units: number;
  /** Linear pieces per output; each output is the max over its pieces. */
  pieces: number;
  kernelInitializer?: Initializer | SerializedObject | string;
  biasInitializer?: Initializer | SerializedObject | string;
}

/**
 * Maxout (Goodfellow et al. 2013): y_j = max_k (x·W[:, j, k] + b[j, k]). tfjs has no such layer, so this is a real
 * custom layer with trainable weights, serialization and registration, loadable by stock `tf.loadLayersModel`
 * once this module has been imported.
 */
export class Maxout extends tf.layers.Layer {
  static className = 'Maxout';
  readonly units: number;
  readonly pieces: number;
  private readonly kernelInitializer: Initializer;
  private readonly biasInitializer: Initializer;
  private kernel: tf.LayerVariable | null = null;
  private bias: tf.LayerVariable | null = null;

  constructor(args: MaxoutLayerArgs) {
    super(args);
    if (!Number.isInteger(args.units) || args.units < 1) {
      throw new Error(`Maxout ${this.name}: units must be a positive integer, got ${args.units}`);
    }
    if (!Number.isInteger(args.pieces) || args.pieces < 1) {
      throw new Error(`Maxout ${this.name}: pieces must be a positive integer, got ${args.pieces}`);
    }
    this.units = args.units;
    this.pieces = args.pieces;
    this.kernelInitializer = toInitializer(args.kernelInitializer ?? 'glorotUniform');
    this.biasInitializer = toInitializer(args.biasInitializer ?? 'zeros');
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = singleShape(inputShape);
    const inDim = shape[shape.length - 1];
    if (inDim == null) throw new Error(`Maxout ${this.name}: the last input axis must be known, got [${shape}]`);
    const width = this.units * this.pieces;
    this.kernel = this.addWeight('kernel', [inDim, width], 'float32', this.kernelInitializer, undefined, true);
    this.bias = this.addWeight('bias', [width], 'float32', this.biasInitializer, undefined, true);
    this.inputSpec = [{ minNDim: 2, axes: { [-1]: inDim } }];
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = singleShape(inputShape);
    return [...shape.slice(0, -1), this.units];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      if (this.kernel == null || this.bias == null) throw new Error(`Maxout ${this.name} was called before build()`);
      const lead = x.shape.slice(0, -1);
      const flat = x.reshape([-1, x.shape[x.shape.length - 1]]);
      const z = tf.add(tf.matMul(flat, this.kernel.read()), this.bias.read());
      // Column j*pieces + k is piece k of unit j, so a reshape groups each unit's pieces on the last axis.
      const pieces = z.reshape([-1, this.units, this.pieces]);
      return tf.max(pieces, -1).reshape([...lead, this.units]);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      units: this.units,
      pieces: this.pieces,
      kernelInitializer: serializeInitializer(this.kernelInitializer),
      biasInitializer: serializeInitializer(this.biasInitializer),
    };
  }
}

tf.serialization.registerClass(Maxout);

function singleShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
  const first = inputShape[0];
  return Array.isArray(first) ? (first as tf.Shape) : (inputShape as tf.Shape);
}

function serializeInitializer(initializer: Initializer): tf.serialization.ConfigDict {
  return { className: initializer.getClassName(), config: initializer.getConfig() };
}

/** Accepts an initializer object, its serialized form (from model.json) or a tfjs identifier like 'glorotUniform'. */
function toInitializer(value: Initializer | SerializedObject | string): Initializer {
  if (value instanceof tf.serialization.Serializable) return value as Initializer;
  const className = typeof value === 'string' ? value[0].toUpperCase() + value.slice(1) : value.className;
  const config = typeof value === 'string' ? {} : value.config;
  const registered = tf.serialization.SerializationMap.getMap().classNameMap[className];
  if (registered == null) throw new Error(`Maxout: unknown initializer '${className}'`);
  const [cls, fromConfig] = registered;
  return fromConfig(cls, config) as Initializer;
}
