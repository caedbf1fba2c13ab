import type { LayerKind } from '../../../shared/graph/model-graph';
import { LAYER_CATALOGUE } from '../../../shared/layers/catalogue';
import type { LAYER_ACTIVATIONS } from '../../../shared/layers/choices';
import { booleanOf, numberOf, shapeOf, stringOf } from '../../../shared/layers/config-values';
import { isImage, type PlannedLayer } from '../export-plan';
import { INITIALIZER_SCHEMES } from '../initializer-schemes';
import { pyFloat, pyString, pyTuple } from '../python-names';
import { isSymmetric, windowGeometry } from '../same-padding';
import { KERNEL_2D_TO_OUT_IN, KERNEL_HWIO_TO_OIHW, transpose } from '../tensor-layout';
import type { LayerWeights, WeightTensor } from '../weights/named-weights';
import type { TorchHelper } from './torch-helpers';

/** What one layer contributes to model.py. */
export interface TorchCode {
  /** Constructor of the layer's submodule (`self.<name> = ...`), when it has one. */
  module?: string;
  /** The layer's output in forward(), a Python expression over its inputs. */
  forward: string;
  /** Statements in __init__ after the submodules: how the weights are drawn. */
  init?: string[];
  /** Building blocks from torch-helpers.ts that the code uses. */
  helpers?: TorchHelper[];
}

export interface TorchLayerContext {
  layer: PlannedLayer;
  /** `self.<python name>`: the submodule. */
  module: string;
  /** Python expressions of the inputs, in port order. */
  inputs: string[];
}

export interface TorchRule {
  code(context: TorchLayerContext): TorchCode;
  /** The layer's state_dict entries (keys relative to its submodule), converted from tfjs's layout. */
  state(weights: LayerWeights): [string, WeightTensor][];
}

type Activation = (typeof LAYER_ACTIVATIONS)[number];

/** Dense/Conv2D activations applied to `expr`; `channelDim` is where softmax normalizes. */
const ACTIVATIONS: Record<Activation, (expr: string, channelDim: number) => string> = {
  linear: (expr) => expr,
  relu: (expr) => `torch.relu(${expr})`,
  sigmoid: (expr) => `torch.sigmoid(${expr})`,
  tanh: (expr) => `torch.tanh(${expr})`,
  softmax: (expr, dim) => `torch.softmax(${expr}, dim=${dim})`,
  elu: (expr) => `F.elu(${expr})`,
  selu: (expr) => `F.selu(${expr})`,
  softplus: (expr) => `F.softplus(${expr})`,
  softsign: (expr) => `F.softsign(${expr})`,
};

/** The Activation layer's functions as modules (its choices come from the catalogue). */
export const ACTIVATION_MODULES: Record<string, (alpha: number) => string> = {
  relu: () => 'nn.ReLU()',
  sigmoid: () => 'nn.Sigmoid()',
  tanh: () => 'nn.Tanh()',
  elu: () => 'nn.ELU()',
  selu: () => 'nn.SELU()',
  softplus: () => 'nn.Softplus()',
  softsign: () => 'nn.Softsign()',
  leakyRelu: (alpha) => `nn.LeakyReLU(${pyFloat(alpha)})`,
  linear: () => 'nn.Identity()',
};

/** Where the channels are once PyTorch holds the tensor: dim 1 of an image (N, C, H, W), else the last. */
function channelDim(shape: number[]): number {
  return isImage(shape) ? 1 : -1;
}

function activation(layer: PlannedLayer, expr: string): string {
  const name = stringOf(layer.config, 'activation') as Activation;
  return ACTIVATIONS[name](expr, channelDim(layer.outputShape));
}

function initialize(context: TorchLayerContext, module: string): string[] {
  const scheme =
    INITIALIZER_SCHEMES[stringOf(context.layer.config, 'kernelInitializer') as keyof typeof INITIALIZER_SCHEMES];
  return [`initialize(${module}, ${pyString(scheme)})`];
}

const NO_STATE = () => [];

function linearState(prefix: string) {
  return (weights: LayerWeights): [string, WeightTensor][] => {
    const entries: [string, WeightTensor][] = [
      [`${prefix}weight`, transpose(weights.get('kernel')!, KERNEL_2D_TO_OUT_IN)],
    ];
    const bias = weights.get('bias');
    if (bias) entries.push([`${prefix}bias`, bias]);
    return entries;
  };
}

/** Pooling: a symmetric pad goes into the module; TF's uneven `same` pad (odd cell after) is an explicit F.pad. */
function pooling(kind: 'max' | 'avg'): TorchRule {
  return {
    code: ({ layer, module, inputs }) => {
      const { window, strides, padding } = windowGeometry(layer);
      const [top, bottom, left, right] = padding;
      if (isSymmetric(padding)) {
        const pad = top === 0 && left === 0 ? '' : `, padding=${pyTuple([top, left])}`;
        const module_ =
          kind === 'max'
            ? `nn.MaxPool2d(kernel_size=${pyTuple(window)}, stride=${pyTuple(strides)}${pad})`
            : `nn.AvgPool2d(kernel_size=${pyTuple(window)}, stride=${pyTuple(strides)}${pad}${pad ? ', count_include_pad=False' : ''})`;
        return { module: module_, forward: `${module}(${inputs[0]})` };
      }
      const fPad = pyTuple([left, right, top, bottom]);
      if (kind === 'max') {
        return {
          module: `nn.MaxPool2d(kernel_size=${pyTuple(window)}, stride=${pyTuple(strides)})`,
          forward: `${module}(F.pad(${inputs[0]}, ${fPad}, value=float('-inf')))`,
        };
      }
      return {
        forward: `avg_pool2d_same(${inputs[0]}, ${pyTuple(window)}, ${pyTuple(strides)}, ${fPad})`,
        helpers: ['avg_pool2d_same'],
      };
    },
    state: NO_STATE,
  };
}

/**
 * How each kind becomes PyTorch. Images are (N, C, H, W) inside the module; wherever LayerLab's order of values
 * matters (Flatten, Reshape, Dense on an image, Concatenate's axis) the code converts, so LayerLab's weights fit.
 * A new layer kind does not compile until it is handled here.
 */
export const TORCH_LAYERS: Record<Exclude<LayerKind, 'Input'>, TorchRule> = {
  Dense: {
    code: (context) => {
      const { layer, module, inputs } = context;
      const inFeatures = layer.inputShapes[0][layer.inputShapes[0].length - 1];
      const bias = booleanOf(layer.config, 'useBias') ? '' : ', bias=False';
      const applied = isImage(layer.inputShapes[0])
        ? `${module}(${inputs[0]}.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)`
        : `${module}(${inputs[0]})`;
      return {
        module: `nn.Linear(${inFeatures}, ${numberOf(layer.config, 'units')}${bias})`,
        forward: activation(layer, applied),
        init: initialize(context, module),
      };
    },
    state: linearState(''),
  },
  Conv2D: {
    code: (context) => {
      const { layer, module, inputs } = context;
      const { window, strides, padding } = windowGeometry(layer);
      const [top, bottom, left, right] = padding;
      const symmetric = isSymmetric(padding);
      const pad = symmetric && (top > 0 || left > 0) ? `, padding=${pyTuple([top, left])}` : '';
      const bias = booleanOf(layer.config, 'useBias') ? '' : ', bias=False';
      const input = symmetric ? inputs[0] : `F.pad(${inputs[0]}, ${pyTuple([left, right, top, bottom])})`;
      return {
        module:
          `nn.Conv2d(${layer.inputShapes[0][2]}, ${numberOf(layer.config, 'filters')}, ` +
          `kernel_size=${pyTuple(window)}, stride=${pyTuple(strides)}${pad}${bias})`,
        forward: activation(layer, `${module}(${input})`),
        init: initialize(context, module),
      };
    },
    state: (weights) => {
      const entries: [string, WeightTensor][] = [['weight', transpose(weights.get('kernel')!, KERNEL_HWIO_TO_OIHW)]];
      const bias = weights.get('bias');
      if (bias) entries.push(['bias', bias]);
      return entries;
    },
  },
  Maxout: {
    code: ({ layer, module, inputs }) => ({
      module: `Maxout(${layer.inputShapes[0][0]}, units=${numberOf(layer.config, 'units')}, pieces=${numberOf(layer.config, 'pieces')})`,
      forward: `${module}(${inputs[0]})`,
      init: [`initialize(${module}.linear, 'glorot_uniform')`],
      helpers: ['Maxout'],
    }),
    state: linearState('linear.'),
  },
  MaxPool2D: pooling('max'),
  AvgPool2D: pooling('avg'),
  Dropout: {
    code: ({ layer, module, inputs }) => ({
      module: `nn.Dropout(${pyFloat(numberOf(layer.config, 'rate'))})`,
      forward: `${module}(${inputs[0]})`,
    }),
    state: NO_STATE,
  },
  Softmax: {
    code: ({ layer, module, inputs }) => ({
      module: `nn.Softmax(dim=${channelDim(layer.outputShape)})`,
      forward: `${module}(${inputs[0]})`,
    }),
    state: NO_STATE,
  },
  Activation: {
    code: ({ layer, module, inputs }) => {
      const make = ACTIVATION_MODULES[stringOf(layer.config, 'activation')];
      return { module: make(numberOf(layer.config, 'alpha')), forward: `${module}(${inputs[0]})` };
    },
    state: NO_STATE,
  },
  Flatten: {
    code: ({ layer, module, inputs }) =>
      isImage(layer.inputShapes[0])
        ? { module: 'FlattenChannelsLast()', forward: `${module}(${inputs[0]})`, helpers: ['FlattenChannelsLast'] }
        : { module: 'nn.Flatten()', forward: `${module}(${inputs[0]})` },
    state: NO_STATE,
  },
  Reshape: {
    code: ({ layer, module, inputs }) => ({
      module: `Reshape(${pyTuple(shapeOf(layer.config, 'targetShape'))})`,
      forward: `${module}(${inputs[0]})`,
      helpers: ['Reshape', 'to_channels_first', 'to_channels_last'],
    }),
    state: NO_STATE,
  },
  BatchNorm: {
    code: ({ layer, module, inputs }) => {
      const shape = layer.inputShapes[0];
      const channels = shape[shape.length - 1];
      const args = `${channels}, eps=${pyFloat(numberOf(layer.config, 'epsilon'))}, momentum=${pyFloat(
        // tfjs keeps `momentum` of the old running average; PyTorch's momentum is the weight of the new batch.
        Number((1 - numberOf(layer.config, 'momentum')).toPrecision(12)),
      )}`;
      if (isImage(shape)) return { module: `nn.BatchNorm2d(${args})`, forward: `${module}(${inputs[0]})` };
      // BatchNorm1d normalizes dim 1; on a sequence (N, L, C) the channels are last, so they move there and back.
      const forward =
        shape.length === 1 ? `${module}(${inputs[0]})` : `${module}(${inputs[0]}.transpose(1, 2)).transpose(1, 2)`;
      return { module: `nn.BatchNorm1d(${args})`, forward };
    },
    state: (weights) => [
      ['weight', weights.get('gamma')!],
      ['bias', weights.get('beta')!],
      ['running_mean', weights.get('moving_mean')!],
      ['running_var', weights.get('moving_variance')!],
    ],
  },
  Add: {
    code: ({ inputs }) => ({ forward: inputs.join(' + ') }),
    state: NO_STATE,
  },
  Concatenate: {
    code: ({ layer, inputs }) => ({
      forward: `torch.cat([${inputs.join(', ')}], dim=${concatDim(layer)})`,
    }),
    state: NO_STATE,
  },
  GaussianNoise: {
    code: ({ layer, module, inputs }) => ({
      module: `GaussianNoise(${pyFloat(numberOf(layer.config, 'stddev'))})`,
      forward: `${module}(${inputs[0]})`,
      helpers: ['GaussianNoise'],
    }),
    state: NO_STATE,
  },
};

/** Concatenate's axis (tfjs: negative from the end, positive counting the batch axis) as a PyTorch dim. */
function concatDim(layer: PlannedLayer): number {
  const shape = layer.inputShapes[0];
  const requested = numberOf(layer.config, 'axis');
  const axis = requested < 0 ? shape.length + requested : requested - 1;
  // (H, W, C) is held as (C, H, W): H and W move one place right, C goes first.
  const held = isImage(shape) ? [1, 2, 0][axis] : axis;
  return held + 1;
}

/** The catalogue's Activation choices, for a test that every one is handled. */
export function activationLayerChoices(): readonly string[] {
  const field = LAYER_CATALOGUE.Activation.fields.find((f) => f.key === 'activation');
  return field?.type === 'enum' ? field.choices : [];
}
