import * as tf from '@tensorflow/tfjs';

/**
 * The course's models in plain tfjs, with seeded initializers so two builds are identical. Used by the
 * end-to-end kernel test and the benchmark; the app builds its models from graphs in the engine instead.
 */

const init = (seed: number) => tf.initializers.glorotUniform({ seed });

export interface CourseModelOptions {
  /** Dropout makes unseeded random masks in tfjs; tests that compare two runs leave it out. */
  dropout?: boolean;
  seed?: number;
}

/** Input 36×36×1 → Conv2D 4@5×5 same ReLU → MaxPool 2×2 → Flatten → Dense 32 ReLU → Dropout 0.5 → Dense 5 softmax. */
export function courseCnn({ dropout = true, seed = 1 }: CourseModelOptions = {}): tf.Sequential {
  const m = tf.sequential();
  m.add(
    tf.layers.conv2d({
      inputShape: [36, 36, 1],
      filters: 4,
      kernelSize: 5,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: init(seed),
    }),
  );
  m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  m.add(tf.layers.flatten());
  m.add(tf.layers.dense({ units: 32, activation: 'relu', kernelInitializer: init(seed + 1) }));
  if (dropout) m.add(tf.layers.dropout({ rate: 0.5 }));
  m.add(tf.layers.dense({ units: 5, activation: 'softmax', kernelInitializer: init(seed + 2) }));
  return m;
}

/**
 * The `wide-cnn` template in plain tfjs: Conv 32 3×3 → pool → Conv 64 3×3 → pool → Dense 128 → Dropout → 5, on
 * `size`×`size` inputs (36 in the template; tests use smaller ones, the stock kernels being very slow at 36).
 */
export function wideCnn({
  dropout = true,
  seed = 1,
  size = 36,
}: CourseModelOptions & { size?: number } = {}): tf.Sequential {
  const m = tf.sequential();
  const conv = (filters: number, s: number, inputShape?: number[]) =>
    tf.layers.conv2d({
      inputShape,
      filters,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: init(s),
    });
  m.add(conv(32, seed, [size, size, 1]));
  m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  m.add(conv(64, seed + 1));
  m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  m.add(tf.layers.flatten());
  m.add(tf.layers.dense({ units: 128, activation: 'relu', kernelInitializer: init(seed + 2) }));
  if (dropout) m.add(tf.layers.dropout({ rate: 0.25 }));
  m.add(tf.layers.dense({ units: 5, activation: 'softmax', kernelInitializer: init(seed + 3) }));
  return m;
}

/** The course's feed-forward net: 1296 → 128 sigmoid → 32 sigmoid → 5 softmax. */
export function courseMlp({ seed = 1 }: CourseModelOptions = {}): tf.Sequential {
  const m = tf.sequential();
  m.add(tf.layers.dense({ inputShape: [1296], units: 128, activation: 'sigmoid', kernelInitializer: init(seed) }));
  m.add(tf.layers.dense({ units: 32, activation: 'sigmoid', kernelInitializer: init(seed + 1) }));
  m.add(tf.layers.dense({ units: 5, activation: 'softmax', kernelInitializer: init(seed + 2) }));
  return m;
}

/**
 * A Maxout MLP in plain tfjs: each Maxout layer is Dense(units·k) → Reshape [units, k] → max over the last
 * axis (k = 4 pieces): 1296 → maxout 128 → maxout 32 → 5 softmax.
 */
export function maxoutMlp({ seed = 1 }: CourseModelOptions = {}): tf.LayersModel {
  const k = 4;
  const input = tf.input({ shape: [1296] });
  let h: tf.SymbolicTensor = input;
  [128, 32].forEach((units, i) => {
    const pieces = tf.layers
      .dense({ units: units * k, kernelInitializer: init(seed + i) })
      .apply(h) as tf.SymbolicTensor;
    const grouped = tf.layers.reshape({ targetShape: [units, k] }).apply(pieces) as tf.SymbolicTensor;
    h = new MaxOverLastAxis().apply(grouped) as tf.SymbolicTensor;
  });
  const out = tf.layers
    .dense({ units: 5, activation: 'softmax', kernelInitializer: init(seed + 9) })
    .apply(h) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out });
}

/** max over the last axis — the Maxout reduction (tfjs-layers has no built-in layer for it). */
class MaxOverLastAxis extends tf.layers.Layer {
  static readonly className = 'BenchMaxOverLastAxis';
  override computeOutputShape(shape: tf.Shape | tf.Shape[]): tf.Shape {
    return (shape as tf.Shape).slice(0, -1);
  }
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.max(x, -1);
  }
}

/** Seeded synthetic 36×36 images whose class is the brightest of five regions, so models can learn it. */
export function syntheticImages(count: number, seed = 1): { xs: tf.Tensor4D; ys: tf.Tensor2D } {
  const pixels = new Float32Array(count * 36 * 36);
  const labels = new Float32Array(count * 5);
  let s = seed >>> 0 || 1;
  const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  for (let n = 0; n < count; n++) {
    const cls = Math.floor(rand() * 5);
    labels[n * 5 + cls] = 1;
    for (let r = 0; r < 36; r++) {
      for (let c = 0; c < 36; c++) {
        const region = Math.min(4, Math.floor((r * 36 + c) / 260));
        pixels[(n * 36 + r) * 36 + c] = rand() * 0.5 + (region === cls ? 0.5 : 0);
      }
    }
  }
  return { xs: tf.tensor4d(pixels, [count, 36, 36, 1]), ys: tf.tensor2d(labels, [count, 5]) };
}
