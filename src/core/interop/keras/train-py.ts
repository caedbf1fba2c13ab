import type { LossName } from '../../../shared/training/losses';
import type { OptimizerName } from '../../../shared/training/optimizers';
import type { TrainConfig } from '../../../shared/training/train-config';
import type { TargetEncoding } from '../../engine/training-data';
import type { ExportPlan } from '../export-plan';
import { generatedHeader } from '../generated-header';
import { pyFloat } from '../python-names';

/** Keras's optimizers default to tfjs's values (epsilon 1e-7, Adagrad's 0.1 accumulator); the momentum terms are set. */
const OPTIMIZERS: Record<OptimizerName, (training: TrainConfig) => string> = {
  sgd: () => 'keras.optimizers.SGD(learning_rate=LEARNING_RATE)',
  momentum: (t) =>
    `keras.optimizers.SGD(learning_rate=LEARNING_RATE, momentum=${pyFloat(t.momentum ?? 0.9)}, nesterov=${t.nesterov ? 'True' : 'False'})`,
  adagrad: () => 'keras.optimizers.Adagrad(learning_rate=LEARNING_RATE, initial_accumulator_value=0.1, epsilon=1e-7)',
  adadelta: () => 'keras.optimizers.Adadelta(learning_rate=LEARNING_RATE, rho=0.95, epsilon=1e-7)',
  rmsprop: (t) =>
    `keras.optimizers.RMSprop(learning_rate=LEARNING_RATE, rho=0.9, momentum=${pyFloat(t.momentum ?? 0)}, epsilon=1e-7)`,
  adam: () => 'keras.optimizers.Adam(learning_rate=LEARNING_RATE, beta_1=0.9, beta_2=0.999, epsilon=1e-7)',
  adamax: () => 'keras.optimizers.Adamax(learning_rate=LEARNING_RATE, beta_1=0.9, beta_2=0.999, epsilon=1e-7)',
};

const LOSSES: Record<LossName, string> = {
  categoricalCrossentropy: "'categorical_crossentropy'",
  meanSquaredError: "'mean_squared_error'",
  binaryCrossentropy: "'binary_crossentropy'",
};

const TARGETS: Record<TargetEncoding, { targets: string; metrics: string }> = {
  'one-hot': {
    targets: 'keras.utils.to_categorical(labels, NUM_CLASSES)',
    metrics: "[keras.metrics.CategoricalAccuracy(name='accuracy')]",
  },
  binary: {
    targets: 'labels.reshape(-1, 1).astype(np.float32)',
    metrics: "[keras.metrics.BinaryAccuracy(name='accuracy')]",
  },
  input: { targets: 'x  # an autoencoder learns to output its own input', metrics: '[]' },
};

/** train.py for Keras: the project's settings, on one device or across GPUs and machines with tf.distribute. */
export function renderKerasTrain(plan: ExportPlan): string {
  const { training, targets } = plan;
  const encoding = TARGETS[targets.encoding];
  return `${generatedHeader(plan.projectName, '#')}
"""Trains the LayerLab project "${plan.projectName}" (model.py) with TensorFlow/Keras and its LayerLab settings.

  python train.py                           one device (tf.distribute's default strategy)
  python train.py --strategy mirrored       every GPU of this machine (MirroredStrategy)
  python train.py --strategy multiworker    several machines (MultiWorkerMirroredStrategy), one process on each,
                                            each with TF_CONFIG naming the cluster and its own index, e.g.
      TF_CONFIG='{"cluster": {"worker": ["host1:12345", "host2:12345"]}, "task": {"type": "worker", "index": 0}}'

BATCH_SIZE is the global batch, split over the replicas; only the chief (worker 0) prints and keeps the saved model.
Data: data.npz beside this file (written by layerlab export --dataset/--data), or --data FILE with arrays x_train,
y_train[, x_val, y_val] as LayerLab writes them, or x and y (then VALIDATION_SPLIT of each class is held out).
"""
import argparse
import json
import os
import shutil
import tempfile
import time

import numpy as np
import tensorflow as tf
from tensorflow import keras

from model import INPUT_SHAPE, build_model, load_weights

HERE = os.path.dirname(os.path.abspath(__file__))
EPOCHS = ${training.epochs}
BATCH_SIZE = ${training.batchSize}
LEARNING_RATE = ${pyFloat(training.learningRate)}
VALIDATION_SPLIT = ${pyFloat(training.validationSplit)}
SHUFFLE = ${training.shuffle ? 'True' : 'False'}
SEED = ${training.seed}
${targets.classes > 0 ? `NUM_CLASSES = ${targets.classes}\n` : ''}LOSS = ${LOSSES[training.loss]}


def make_optimizer():
    return ${OPTIMIZERS[training.optimizer](training)}


def make_targets(x, labels):
    return ${encoding.targets}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--data', default=os.path.join(HERE, 'data.npz'), help='npz file (default: data.npz here)')
    parser.add_argument('--epochs', type=int, default=EPOCHS, help=f'default {EPOCHS}')
    parser.add_argument('--batch-size', type=int, default=BATCH_SIZE, help=f'global batch size, default {BATCH_SIZE}')
    parser.add_argument('--strategy', choices=['default', 'mirrored', 'multiworker'], default='default')
    parser.add_argument('--weights', help='start from these weights (a weights.npz exported by LayerLab)')
    parser.add_argument('--out', default=os.path.join(HERE, 'trained.keras'), help='where the chief saves the model')
    return parser.parse_args()


def make_strategy(name):
    if name == 'mirrored':
        return tf.distribute.MirroredStrategy()
    if name == 'multiworker':
        return tf.distribute.MultiWorkerMirroredStrategy()
    return tf.distribute.get_strategy()


def is_chief():
    """True on the worker that prints and saves: the chief, or worker 0 when the cluster has no chief."""
    config = json.loads(os.environ.get('TF_CONFIG', '{}'))
    task = config.get('task', {})
    if 'chief' in config.get('cluster', {}):
        return task.get('type') == 'chief'
    return task.get('index', 0) == 0


def load_data(path):
    """(x_train, y_train, x_val, y_val) as NumPy arrays, images channels-last as in LayerLab."""
    if not os.path.exists(path):
        raise SystemExit(f'{path} not found: export with --dataset or --data, or pass --data FILE')
    with np.load(path, allow_pickle=False) as data:
        if 'x_train' in data.files:
            x_train, y_train = data['x_train'], labels_of(data, 'y_train', len(data['x_train']))
            x_val = data['x_val'] if 'x_val' in data.files else x_train[:0]
            y_val = labels_of(data, 'y_val', len(x_val))
        elif 'x' in data.files:
            x_train, y_train, x_val, y_val = split(data['x'], labels_of(data, 'y', len(data['x'])))
        else:
            raise SystemExit(f'{path} has arrays {data.files}; expected x_train and y_train, or x and y')
    return features(x_train, path), y_train, features(x_val, path), y_val


def labels_of(data, name, count):
    if name in data.files:
        return data[name].astype(np.int64).reshape(-1)
    return np.zeros(count, dtype=np.int64)  # an autoencoder needs no labels


def features(x, path):
    size = int(np.prod(INPUT_SHAPE))
    if x.size != len(x) * size:
        raise SystemExit(f'{path}: samples of shape {x.shape[1:]} do not fit the model input {INPUT_SHAPE}')
    return x.astype(np.float32).reshape((-1,) + INPUT_SHAPE)


def split(x, y):
    """Holds out VALIDATION_SPLIT of each class, chosen with SEED."""
    rng = np.random.default_rng(SEED)
    held = [rng.permutation(np.flatnonzero(y == c)) for c in np.unique(y)]
    val = np.concatenate([h[: int(round(VALIDATION_SPLIT * len(h)))] for h in held]).astype(np.int64)
    train = np.setdiff1d(np.arange(len(x)), val)
    return x[train], y[train], x[val], y[val]


def as_dataset(x, labels, batch_size, shuffle):
    data = tf.data.Dataset.from_tensor_slices((x, make_targets(x, labels)))
    if shuffle:
        data = data.shuffle(len(x), seed=SEED, reshuffle_each_iteration=True)
    options = tf.data.Options()
    # Every worker reads the same file: shard by sample, not by file.
    options.experimental_distribute.auto_shard_policy = tf.data.experimental.AutoShardPolicy.DATA
    return data.batch(batch_size).with_options(options)


class PrintEpoch(keras.callbacks.Callback):
    """One line per epoch on the chief: loss and metrics, train and validation."""

    def __init__(self, epochs, chief):
        super().__init__()
        self.epochs = epochs
        self.chief = chief
        self.started = time.time()

    def on_epoch_begin(self, epoch, logs=None):
        self.started = time.time()

    def on_epoch_end(self, epoch, logs=None):
        if self.chief:
            values = ' '.join(f'{name} {value:.4f}' for name, value in (logs or {}).items())
            print(f'epoch {epoch + 1}/{self.epochs} {values} ({time.time() - self.started:.1f} s)', flush=True)


def main():
    args = parse_args()
    strategy = make_strategy(args.strategy)  # first: MultiWorkerMirroredStrategy must start before other TF work
    keras.utils.set_random_seed(SEED)
    x_train, y_train, x_val, y_val = load_data(args.data)
    with strategy.scope():
        model = build_model()
        if args.weights:
            load_weights(model, args.weights)
        model.compile(optimizer=make_optimizer(), loss=LOSS, metrics=${encoding.metrics})
    chief = is_chief()
    if chief:
        print(f'params: {model.count_params()}', flush=True)
        print(f'training on {len(x_train)} samples, validating on {len(x_val)}, {strategy.num_replicas_in_sync} replica(s)')
    validation = as_dataset(x_val, y_val, args.batch_size, False) if len(x_val) else None
    model.fit(
        as_dataset(x_train, y_train, args.batch_size, SHUFFLE),
        epochs=args.epochs,
        validation_data=validation,
        verbose=0,
        callbacks=[PrintEpoch(args.epochs, chief)],
    )
    # Every worker saves (MultiWorkerMirroredStrategy expects it); only the chief's copy is kept.
    out = args.out if chief else os.path.join(tempfile.mkdtemp(), os.path.basename(args.out))
    model.save(out)
    if chief:
        print(f'saved {out}')
    else:
        shutil.rmtree(os.path.dirname(out), ignore_errors=True)


if __name__ == '__main__':
    main()
`;
}
