import type { ExportPlan, PlannedLayer } from '../export-plan';
import { generatedHeader } from '../generated-header';
import { pythonNames, pyTuple } from '../python-names';
import { TORCH_HELPERS, type TorchHelper } from './torch-helpers';
import { TORCH_LAYERS, type TorchCode } from './torch-layers';

/** Helpers every model.py has: train.py and user code rely on them. */
const ALWAYS: TorchHelper[] = ['to_channels_first', 'to_channels_last'];

/** model.py: the graph as an `nn.Module`, one submodule per layer with the layer's name, plus what uses it. */
export function renderTorchModel(plan: ExportPlan): string {
  const names = pythonNames(plan);
  const chain = isChain(plan);
  const variable = (layer: PlannedLayer) => (chain ? 'x' : names.get(layer.id)!);
  const modules: string[] = [];
  const inits: string[] = [];
  const forward: string[] = [];
  const helpers = new Set<TorchHelper>(ALWAYS);
  const frozenNorms: string[] = [];

  for (const layer of plan.layers.slice(1)) {
    if (layer.kind === 'Input') continue;
    const module = `self.${names.get(layer.id)}`;
    const inputs = layer.inputs.map((id) => variable(plan.byId.get(id)!));
    const code: TorchCode = TORCH_LAYERS[layer.kind].code({ layer, module, inputs });
    // A frozen layer's parameters get no gradients; a frozen BatchNorm also stays in eval mode (see train()).
    const frozen = layer.config.trainable === false;
    if (code.module) modules.push(`${module} = ${code.module}${frozen ? '.requires_grad_(False)' : ''}`);
    if (frozen && layer.kind === 'BatchNorm') frozenNorms.push(module);
    inits.push(...(code.init ?? []));
    for (const helper of code.helpers ?? []) helpers.add(helper);
    forward.push(`${variable(layer)} = ${code.forward}`);
  }
  const helperCode = (Object.keys(TORCH_HELPERS) as TorchHelper[])
    .filter((helper) => helpers.has(helper))
    .map((helper) => TORCH_HELPERS[helper]);
  const body = [...modules, ...inits, ...forward, ...helperCode].join('\n');
  const usesFunctional = /\bF\./.test(body);

  return `${generatedHeader(plan.projectName, '#')}
"""The LayerLab project "${plan.projectName}" as a PyTorch module: one submodule per layer, with its name.

Images are channels-first here, (N, C, H, W), as PyTorch expects; LayerLab keeps them channels-last, (N, H, W, C).
to_channels_first() converts LayerLab data, and Flatten/Reshape read values in LayerLab's order, so weights exported
from LayerLab (weights.npz, see load_weights) give LayerLab's predictions.
"""
import math

import numpy as np
import torch
${usesFunctional ? 'import torch.nn.functional as F\n' : ''}from torch import nn

INPUT_SHAPE = ${pyTuple(plan.input.outputShape)}  # one sample, channels-last as in LayerLab
OUTPUT_SHAPE = ${pyTuple(plan.output.outputShape)}
PARAMETERS = ${plan.totalParams}  # as LayerLab counts them; count_parameters(Model()) agrees


class Model(nn.Module):
    def __init__(self):
        super().__init__()
${indent([...modules, ...inits], 8)}

${frozenNorms.length > 0 ? frozenBatchNormTrain(frozenNorms) : ''}    def forward(self, ${variable(plan.input)}):
${indent([...forward, `return ${variable(plan.output)}`], 8)}


${helperCode.join('\n\n\n')}


def initialize(layer, scheme):
    """Draws a layer's weights as LayerLab does: the kernel by \`scheme\`, the bias zero."""
    weight = layer.weight
    receptive_field = weight[0][0].numel()  # kernel height × width; 1 for a linear layer
    fan_in = weight.shape[1] * receptive_field
    fan_out = weight.shape[0] * receptive_field
    with torch.no_grad():
        if scheme == 'zeros':
            weight.zero_()
        elif scheme == 'random_normal':
            weight.normal_(0.0, 0.05)
        else:
            # Variance scaling: glorot over the mean fan, he = 2 / fan_in, lecun = 1 / fan_in.
            family, distribution = scheme.split('_')
            scale, fan = {'glorot': (1.0, (fan_in + fan_out) / 2), 'he': (2.0, fan_in), 'lecun': (1.0, fan_in)}[family]
            if distribution == 'uniform':
                limit = math.sqrt(3.0 * scale / fan)
                weight.uniform_(-limit, limit)
            else:
                std = math.sqrt(scale / fan)  # a normal cut at two standard deviations, as TensorFlow.js draws it
                nn.init.trunc_normal_(weight, 0.0, std, -2 * std, 2 * std)
        if layer.bias is not None:
            layer.bias.zero_()


def count_parameters(model):
    """Parameters as LayerLab and Keras count them: every weight plus BatchNorm's running mean and variance."""
    weights = sum(p.numel() for p in model.parameters())
    statistics = sum(b.numel() for name, b in model.named_buffers() if name.endswith(('running_mean', 'running_var')))
    return weights + statistics


def load_weights(model, path='weights.npz'):
    """Loads weights exported by LayerLab (layerlab export --from RUN_DIR); their names are state_dict keys."""
    with np.load(path, allow_pickle=False) as data:
        state = {key: torch.from_numpy(data[key]) for key in data.files}
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [key for key in missing if not key.endswith('num_batches_tracked')]
    if missing or unexpected:
        raise ValueError(f'{path} does not fit this model: missing {missing}, unexpected {unexpected}')
    return model
`;
}

/**
 * model.train() for a model with frozen BatchNorm layers: they stay in eval mode, so training neither updates their
 * running mean and variance nor normalizes with the batch's statistics (as LayerLab trains a frozen BatchNorm).
 */
function frozenBatchNormTrain(modules: string[]): string {
  return `    def train(self, mode=True):
        """Frozen BatchNorm layers stay in eval mode: they normalize with their running statistics and keep them."""
        super().train(mode)
        for layer in ${modules.length === 1 ? `(${modules[0]},)` : `(${modules.join(', ')})`}:
            layer.eval()
        return self

`;
}

/** True when every layer feeds only the next one, so forward() can read \`x = layer(x)\` all the way down. */
function isChain(plan: ExportPlan): boolean {
  return (
    plan.layers.every(
      (layer, i) => i === 0 || (layer.inputs.length === 1 && layer.inputs[0] === plan.layers[i - 1].id),
    ) && plan.layers.every((layer) => plan.layers.filter((other) => other.inputs.includes(layer.id)).length <= 1)
  );
}

function indent(lines: string[], spaces: number): string {
  const pad = ' '.repeat(spaces);
  return lines.map((line) => `${pad}${line}`).join('\n');
}
