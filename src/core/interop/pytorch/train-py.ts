import type { LossName } from '../../../shared/training/losses';
import type { OptimizerName } from '../../../shared/training/optimizers';
import type { TrainConfig } from '../../../shared/training/train-config';
import type { ExportPlan } from '../export-plan';
import type { TargetEncoding } from '../../engine/training-data';
import { generatedHeader } from '../generated-header';
import { pyFloat } from '../python-names';

/** tfjs's (and Keras's) epsilon: optimizers and clipped losses use it where PyTorch's defaults differ. */
const EPSILON = '1e-7';

/** The same optimizer with tfjs's defaults spelled out where PyTorch's differ. */
const OPTIMIZERS: Record<OptimizerName, (training: TrainConfig) => string> = {
  sgd: () => 'torch.optim.SGD(parameters, lr=LEARNING_RATE)',
  momentum: (t) =>
    `torch.optim.SGD(parameters, lr=LEARNING_RATE, momentum=${pyFloat(t.momentum ?? 0.9)}, nesterov=${t.nesterov ? 'True' : 'False'})`,
  adagrad: () => `torch.optim.Adagrad(parameters, lr=LEARNING_RATE, initial_accumulator_value=0.1, eps=${EPSILON})`,
  adadelta: () => `torch.optim.Adadelta(parameters, lr=LEARNING_RATE, rho=0.95, eps=${EPSILON})`,
  rmsprop: (t) =>
    `torch.optim.RMSprop(parameters, lr=LEARNING_RATE, alpha=0.9, momentum=${pyFloat(t.momentum ?? 0)}, eps=${EPSILON})`,
  adam: () => `torch.optim.Adam(parameters, lr=LEARNING_RATE, betas=(0.9, 0.999), eps=${EPSILON})`,
  adamax: () => `torch.optim.Adamax(parameters, lr=LEARNING_RATE, betas=(0.9, 0.999), eps=${EPSILON})`,
};

const LOSSES: Record<LossName, string> = {
  categoricalCrossentropy: `def loss_function(prediction, target):
    """Categorical cross-entropy of the predicted probabilities (the model ends in a softmax), clipped as in LayerLab."""
    probabilities = prediction / prediction.sum(dim=-1, keepdim=True)
    return -(target * probabilities.clamp(EPSILON, 1 - EPSILON).log()).sum(dim=-1).mean()`,
  meanSquaredError: `def loss_function(prediction, target):
    """Mean squared error over every output value."""
    return F.mse_loss(prediction, target)`,
  binaryCrossentropy: `def loss_function(prediction, target):
    """Binary cross-entropy of the predicted probabilities, clipped as in LayerLab."""
    return F.binary_cross_entropy(prediction.clamp(EPSILON, 1 - EPSILON), target)`,
};

const TARGETS: Record<TargetEncoding, { targets: string; correct: string | null }> = {
  'one-hot': {
    targets: `def make_targets(x, labels):
    """One-hot class vectors, one column per class."""
    return F.one_hot(labels, NUM_CLASSES).float()`,
    correct: `def count_correct(prediction, labels):
    return (prediction.argmax(dim=-1) == labels).sum().item()`,
  },
  binary: {
    targets: `def make_targets(x, labels):
    """A single 0/1 column: the probability of the second class."""
    return labels.float().view(-1, 1)`,
    correct: `def count_correct(prediction, labels):
    return ((prediction.view(-1) > 0.5).long() == labels).sum().item()`,
  },
  input: {
    targets: `def make_targets(x, labels):
    """An autoencoder learns to output its own input."""
    return x`,
    correct: null,
  },
};

/**
 * train.py: trains model.py with the project's settings. One process, or unchanged as N DistributedDataParallel
 * ranks (torchrun, or RANK/WORLD_SIZE/MASTER_ADDR/MASTER_PORT set by hand): gloo on CPUs, nccl on GPUs.
 */
export function renderTorchTrain(plan: ExportPlan): string {
  const { training, targets } = plan;
  const encoding = TARGETS[targets.encoding];
  const classifier = encoding.correct != null;
  const classLine = targets.classes > 0 ? `NUM_CLASSES = ${targets.classes}\n` : '';
  const names = targets.classNames
    ? `CLASS_NAMES = [${targets.classNames.map((n) => JSON.stringify(n)).join(', ')}]\n`
    : '';
  return `${generatedHeader(plan.projectName, '#')}
"""Trains the LayerLab project "${plan.projectName}" (model.py) with its LayerLab training settings.

  python train.py                    one process, on a GPU when there is one
  python train.py --epochs 3         fewer epochs; see --help for the other options
  torchrun --nproc-per-node 4 train.py
                                     DistributedDataParallel: 4 processes on this machine (one per GPU)
  torchrun --nnodes 2 --node-rank 0 --master-addr HOST --master-port 29500 --nproc-per-node 4 train.py
                                     the same on 2 machines (node-rank 1 on the second)

Without torchrun, set RANK, WORLD_SIZE, MASTER_ADDR and MASTER_PORT (and LOCAL_RANK on GPUs) for each process:
the ranks meet through env://, on gloo when training on CPUs and nccl on GPUs. BATCH_SIZE is the global batch,
split over the processes; only rank 0 prints and saves.

Data: data.npz beside this file (written by layerlab export --dataset/--data), or --data FILE: arrays x_train,
y_train[, x_val, y_val] as LayerLab writes them, or x and y (then VALIDATION_SPLIT of each class is held out).
Features are channels-last as in LayerLab; labels are class indices.
"""
import argparse
import os
import time

import numpy as np
import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.data.distributed import DistributedSampler

from model import INPUT_SHAPE, Model, count_parameters, load_weights, to_channels_first

HERE = os.path.dirname(os.path.abspath(__file__))
EPOCHS = ${training.epochs}
BATCH_SIZE = ${training.batchSize}
LEARNING_RATE = ${pyFloat(training.learningRate)}
VALIDATION_SPLIT = ${pyFloat(training.validationSplit)}
SHUFFLE = ${training.shuffle ? 'True' : 'False'}
SEED = ${training.seed}
EPSILON = ${EPSILON}
${classLine}${names}

def make_optimizer(parameters):
    return ${OPTIMIZERS[training.optimizer](training)}


${LOSSES[training.loss]}


${encoding.targets}
${encoding.correct ? `\n\n${encoding.correct}\n` : ''}

def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--data', default=os.path.join(HERE, 'data.npz'), help='npz file (default: data.npz here)')
    parser.add_argument('--epochs', type=int, default=EPOCHS, help=f'default {EPOCHS}')
    parser.add_argument('--batch-size', type=int, default=BATCH_SIZE, help=f'global batch size, default {BATCH_SIZE}')
    parser.add_argument('--weights', help='start from these weights (a weights.npz exported by LayerLab)')
    parser.add_argument('--out', default=os.path.join(HERE, 'trained.pt'), help='where rank 0 saves the state_dict')
    return parser.parse_args()


def start_processes():
    """(rank, world size, device): one process, or one rank of a job launched by torchrun or env:// variables."""
    world_size = int(os.environ.get('WORLD_SIZE', '1'))
    cuda = torch.cuda.is_available()
    if world_size == 1:
        return 0, 1, torch.device('cuda' if cuda else 'cpu')
    dist.init_process_group('nccl' if cuda else 'gloo', init_method='env://')
    rank = dist.get_rank()
    if not cuda:
        return rank, world_size, torch.device('cpu')
    local_rank = int(os.environ.get('LOCAL_RANK', rank % torch.cuda.device_count()))
    torch.cuda.set_device(local_rank)
    return rank, world_size, torch.device('cuda', local_rank)


def load_data(path):
    """(x_train, y_train, x_val, y_val) as tensors, images channels-first."""
    if not os.path.exists(path):
        raise SystemExit(f'{path} not found: export with --dataset or --data, or pass --data FILE')
    with np.load(path, allow_pickle=False) as data:
        if 'x_train' in data.files:
            x_train, y_train = data['x_train'], labels_of(data, 'y_train', len(data['x_train']))
            x_val = data['x_val'] if 'x_val' in data.files else x_train[:0]
            y_val = labels_of(data, 'y_val', len(x_val))
        elif 'x' in data.files:
            x, y = data['x'], labels_of(data, 'y', len(data['x']))
            x_train, y_train, x_val, y_val = split(x, y)
        else:
            raise SystemExit(f'{path} has arrays {data.files}; expected x_train and y_train, or x and y')
    return features(x_train, path), torch.from_numpy(y_train), features(x_val, path), torch.from_numpy(y_val)


def labels_of(data, name, count):
    if name in data.files:
        return data[name].astype(np.int64).reshape(-1)
    return np.zeros(count, dtype=np.int64)  # an autoencoder needs no labels


def features(x, path):
    size = int(np.prod(INPUT_SHAPE))
    if x.size != len(x) * size:
        raise SystemExit(f'{path}: samples of shape {x.shape[1:]} do not fit the model input {INPUT_SHAPE}')
    return to_channels_first(torch.from_numpy(x.astype(np.float32).reshape((-1,) + INPUT_SHAPE)))


def split(x, y):
    """Holds out VALIDATION_SPLIT of each class, chosen with SEED."""
    rng = np.random.default_rng(SEED)
    held = [rng.permutation(np.flatnonzero(y == c)) for c in np.unique(y)]
    val = np.concatenate([h[: int(round(VALIDATION_SPLIT * len(h)))] for h in held]).astype(np.int64)
    train = np.setdiff1d(np.arange(len(x)), val)
    return x[train], y[train], x[val], y[val]


def summed(values, world_size):
    """Adds up per-process totals over all ranks."""
    totals = torch.tensor(values, dtype=torch.float64)
    if world_size > 1:
        dist.all_reduce(totals)
    return totals.tolist()


def evaluate(model, x, labels, rank, world_size, device):
    """Validation loss${classifier ? ' and accuracy' : ''}; each rank takes every world_size-th sample."""
    model.eval()
    loss_sum, correct, count = 0.0, 0, 0
    with torch.no_grad():
        x_part, labels_part = x[rank::world_size], labels[rank::world_size]
        for start in range(0, len(x_part), 256):
            xb, yb = x_part[start : start + 256].to(device), labels_part[start : start + 256].to(device)
            prediction = model(xb)
            loss_sum += loss_function(prediction, make_targets(xb, yb)).item() * len(xb)
${classifier ? '            correct += count_correct(prediction, yb)\n' : ''}            count += len(xb)
    loss_sum, correct, count = summed([loss_sum, correct, count], world_size)
    return (loss_sum / count, correct / count) if count else (None, None)


def main():
    args = parse_args()
    rank, world_size, device = start_processes()
    torch.manual_seed(SEED)
    x_train, y_train, x_val, y_val = load_data(args.data)
    model = Model().to(device)
    if args.weights:
        load_weights(model, args.weights)
    if rank == 0:
        print(f'params: {count_parameters(model)}', flush=True)
        print(f'training on {len(x_train)} samples, validating on {len(x_val)}, {world_size} process(es) on {device.type}')
    trained = model
    if world_size > 1:
        trained = DistributedDataParallel(model, device_ids=[device.index] if device.type == 'cuda' else None)
    optimizer = make_optimizer(trained.parameters())
    train_set = TensorDataset(x_train, y_train)
    sampler = DistributedSampler(train_set, num_replicas=world_size, rank=rank, shuffle=SHUFFLE, seed=SEED)
    loader = DataLoader(train_set, batch_size=max(1, args.batch_size // world_size), sampler=sampler)

    for epoch in range(1, args.epochs + 1):
        started = time.time()
        sampler.set_epoch(epoch)
        trained.train()
        loss_sum, correct, count = 0.0, 0, 0
        for xb, yb in loader:
            xb, yb = xb.to(device), yb.to(device)
            prediction = trained(xb)
            loss = loss_function(prediction, make_targets(xb, yb))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * len(xb)
${classifier ? '            correct += count_correct(prediction.detach(), yb)\n' : ''}            count += len(xb)
        loss_sum, correct, count = summed([loss_sum, correct, count], world_size)
        val_loss, val_accuracy = evaluate(model, x_val, y_val, rank, world_size, device)
        if rank == 0:
            line = f'epoch {epoch}/{args.epochs} loss {loss_sum / count:.4f}'
${classifier ? "            line += f' accuracy {correct / count:.4f}'\n" : ''}            if val_loss is not None:
                line += f' val_loss {val_loss:.4f}'${classifier ? " + f' val_accuracy {val_accuracy:.4f}'" : ''}
            print(f'{line} ({time.time() - started:.1f} s)', flush=True)

    if rank == 0:
        torch.save(model.state_dict(), args.out)
        print(f'saved {args.out}')
    if world_size > 1:
        # Tear down together: a rank that frees its DistributedDataParallel wrapper after its peer has exited can
        # wait for that peer forever.
        del trained
        dist.barrier()
        dist.destroy_process_group()


if __name__ == '__main__':
    main()
`;
}
