import type { ExportFile } from '../export-file';
import { encodeNpz } from '../../datasets/npz-writer';
import type { FormatExporter } from '../format-exporter';
import { exportReadme } from '../format-exporter';
import { renderTorchModel } from './model-py';
import { renderTorchTrain } from './train-py';
import { torchStateArrays } from './torch-weights';

export const PYTORCH_EXPORTER: FormatExporter = {
  files: async ({ plan, weights, withData }) => {
    const files: ExportFile[] = [
      { name: 'model.py', contents: renderTorchModel(plan) },
      { name: 'train.py', contents: renderTorchTrain(plan) },
    ];
    if (weights) files.push({ name: 'weights.npz', contents: encodeNpz(torchStateArrays(plan, weights)) });
    files.push(
      exportReadme(plan.projectName, `"${plan.projectName}" for PyTorch`, [
        '- `model.py`: the model as an `nn.Module`, one submodule per LayerLab layer (images are channels-first inside;',
        '  `to_channels_first` converts LayerLab-style data).',
        `- \`train.py\`: trains it with the project's settings; prints \`params: ${plan.totalParams}\` and one line per epoch.`,
        ...(weights
          ? ['- `weights.npz`: the trained weights; `load_weights(Model(), "weights.npz")` loads them.']
          : []),
        ...(withData ? ['- `data.npz`: the training and validation data as LayerLab splits it.'] : []),
        '',
        '```sh',
        'python train.py --epochs 5                      # one process',
        'torchrun --nproc-per-node 4 train.py            # DistributedDataParallel, 4 processes (GPUs) on this machine',
        'RANK=0 WORLD_SIZE=2 MASTER_ADDR=127.0.0.1 MASTER_PORT=29500 python train.py &   # the same by hand:',
        'RANK=1 WORLD_SIZE=2 MASTER_ADDR=127.0.0.1 MASTER_PORT=29500 python train.py     # one line per process',
        '```',
      ]),
    );
    return files;
  },
};
