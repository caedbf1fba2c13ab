import type { LayerKind } from '../../../shared/graph/model-graph';
import type { LAYER_ACTIVATIONS } from '../../../shared/layers/choices';
import { numberOf, shapeOf, stringOf } from '../../../shared/layers/config-values';
import type { PlannedLayer } from '../export-plan';
import { windowGeometry } from '../same-padding';
import { KERNEL_HWIO_TO_OIHW, transpose } from '../tensor-layout';
import type { LayerWeights } from '../weights/named-weights';
import type { OnnxAttribute, OnnxGraphBuilder, OnnxValue } from './onnx-graph';

export interface OnnxLayerContext {
  graph: OnnxGraphBuilder;
  layer: PlannedLayer;
  /** The layer's inputs, in port order. */
  inputs: OnnxValue[];
  /** The layer's weights by role (empty for layers without weights). */
  weights: LayerWeights;
}

/** Emits the layer's nodes and returns its output. */
type OnnxRule = (context: OnnxLayerContext) => OnnxValue;

type Activation = (typeof LAYER_ACTIVATIONS)[number];

/** An element-wise function as an ONNX op; softmax also needs the axis the channels are on. */
interface OnnxFunction {
  op: string;
  attributes?: (context: { alpha: number; channelAxis: number }) => Record<string, OnnxAttribute>;
}

const FUNCTIONS: Record<Activation | 'leakyRelu', OnnxFunction> = {
  linear: { op: 'Identity' },
  relu: { op: 'Relu' },
  sigmoid: { op: 'Sigmoid' },
  tanh: { op: 'Tanh' },
  softmax: { op: 'Softmax', attributes: ({ channelAxis }) => ({ axis: { int: channelAxis } }) },
  elu: { op: 'Elu', attributes: () => ({ alpha: { float: 1 } }) },
  // ONNX's default alpha and gamma are SELU's constants, the ones tfjs uses.
  selu: { op: 'Selu' },
  softplus: { op: 'Softplus' },
  softsign: { op: 'Softsign' },
  leakyRelu: { op: 'LeakyRelu', attributes: ({ alpha }) => ({ alpha: { float: alpha } }) },
};

/** The activation names ONNX export handles, for a test against the catalogue's choices. */
export const ONNX_FUNCTION_NAMES: readonly string[] = Object.keys(FUNCTIONS);

function channelAxis(value: OnnxValue): number {
  return value.rank === 3 && value.layout === 'nchw' ? 1 : -1;
}

/** Applies `name` to `value`; the result is named after the layer unless `output` says otherwise. */
function applyFunction(graph: OnnxGraphBuilder, name: string, value: OnnxValue, output: string, alpha = 0): OnnxValue {
  const fn = FUNCTIONS[name as keyof typeof FUNCTIONS];
  const attributes = fn.attributes?.({ alpha, channelAxis: channelAxis(value) }) ?? {};
  return { ...value, name: graph.node(fn.op, [value.name], output, attributes) };
}

/** A node whose output keeps the input's rank and layout. */
function sameShapeNode(op: string, attributes: (layer: PlannedLayer) => Record<string, OnnxAttribute> = () => ({})) {
  return ({ graph, layer, inputs }: OnnxLayerContext): OnnxValue => ({
    ...inputs[0],
    name: graph.node(op, [inputs[0].name], layer.name, attributes(layer)),
  });
}

function pooling(op: 'MaxPool' | 'AveragePool'): OnnxRule {
  return ({ graph, layer, inputs }) => {
    const { window, strides, padding } = windowGeometry(layer);
    const [top, bottom, left, right] = padding;
    const attributes: Record<string, OnnxAttribute> = {
      kernel_shape: { ints: window },
      strides: { ints: strides },
      pads: { ints: [top, left, bottom, right] },
    };
    // TensorFlow averages over the cells inside the image only.
    if (op === 'AveragePool') attributes.count_include_pad = { int: 0 };
    const input = graph.inLayout(inputs[0], 'nchw');
    return { name: graph.node(op, [input.name], layer.name, attributes), rank: 3, layout: 'nchw' };
  };
}

/** `x · kernel + bias` on the last axis of LayerLab's layout (Dense, Maxout); returns the result's name. */
function affine(context: OnnxLayerContext, output: string): string {
  const { graph, layer, weights } = context;
  const input = graph.inLayout(context.inputs[0], 'nhwc');
  const kernel = graph.floats(`${layer.name}/kernel`, weights.get('kernel')!);
  const bias = weights.get('bias');
  if (bias == null) return graph.node('MatMul', [input.name, kernel], output);
  const product = graph.node('MatMul', [input.name, kernel], `${layer.name}/matmul`);
  return graph.node('Add', [product, graph.floats(`${layer.name}/bias`, bias)], output);
}

/** Brings every input to the first one's layout (merges need one axis order). */
function alike(graph: OnnxGraphBuilder, inputs: OnnxValue[]): OnnxValue[] {
  return inputs.map((input) => graph.inLayout(input, inputs[0].layout));
}

/**
 * How each kind becomes ONNX operators (opset 13). Values stay in LayerLab's channels-last order except around
 * Conv and pools, which need channels first; transposes go in where the order changes. A new layer kind does not
 * compile until it is handled here.
 */
export const ONNX_LAYERS: Record<Exclude<LayerKind, 'Input'>, OnnxRule> = {
  Dense: (context) => {
    const { graph, layer } = context;
    const activation = stringOf(layer.config, 'activation');
    const linear = affine(context, activation === 'linear' ? layer.name : `${layer.name}/linear`);
    const value: OnnxValue = { name: linear, rank: layer.outputShape.length, layout: 'nhwc' };
    return activation === 'linear' ? value : applyFunction(graph, activation, value, layer.name);
  },
  Conv2D: ({ graph, layer, inputs, weights }) => {
    const { window, strides, padding } = windowGeometry(layer);
    const [top, bottom, left, right] = padding;
    const input = graph.inLayout(inputs[0], 'nchw');
    const kernel = graph.floats(`${layer.name}/kernel`, transpose(weights.get('kernel')!, KERNEL_HWIO_TO_OIHW));
    const bias = weights.get('bias');
    const activation = stringOf(layer.config, 'activation');
    const conv = graph.node(
      'Conv',
      [input.name, kernel, ...(bias ? [graph.floats(`${layer.name}/bias`, bias)] : [])],
      activation === 'linear' ? layer.name : `${layer.name}/conv`,
      { kernel_shape: { ints: window }, strides: { ints: strides }, pads: { ints: [top, left, bottom, right] } },
    );
    const value: OnnxValue = { name: conv, rank: 3, layout: 'nchw' };
    return activation === 'linear' ? value : applyFunction(graph, activation, value, layer.name);
  },
  Maxout: (context) => {
    const { graph, layer } = context;
    const units = numberOf(layer.config, 'units');
    const pieces = numberOf(layer.config, 'pieces');
    const linear = affine(context, `${layer.name}/linear`);
    // Column j * pieces + k is piece k of unit j: group the pieces on a last axis and keep the largest.
    const grouped = graph.node(
      'Reshape',
      [linear, graph.int64s(`${layer.name}/pieces_shape`, [-1, units, pieces])],
      `${layer.name}/pieces`,
    );
    const name = graph.node('ReduceMax', [grouped], layer.name, { axes: { ints: [-1] }, keepdims: { int: 0 } });
    return { name, rank: 1, layout: 'nhwc' };
  },
  MaxPool2D: pooling('MaxPool'),
  AvgPool2D: pooling('AveragePool'),
  // The exported graph is for inference, where Dropout and GaussianNoise pass values through.
  Dropout: sameShapeNode('Identity'),
  GaussianNoise: sameShapeNode('Identity'),
  Softmax: ({ graph, layer, inputs }) => applyFunction(graph, 'softmax', inputs[0], layer.name),
  Activation: ({ graph, layer, inputs }) =>
    applyFunction(graph, stringOf(layer.config, 'activation'), inputs[0], layer.name, numberOf(layer.config, 'alpha')),
  Flatten: ({ graph, layer, inputs }) => {
    const input = graph.inLayout(inputs[0], 'nhwc');
    return { name: graph.node('Flatten', [input.name], layer.name, { axis: { int: 1 } }), rank: 1, layout: 'nhwc' };
  },
  Reshape: ({ graph, layer, inputs }) => {
    const input = graph.inLayout(inputs[0], 'nhwc');
    const target = shapeOf(layer.config, 'targetShape');
    const shape = graph.int64s(`${layer.name}/shape`, [-1, ...target]);
    return { name: graph.node('Reshape', [input.name, shape], layer.name), rank: target.length, layout: 'nhwc' };
  },
  BatchNorm: ({ graph, layer, inputs, weights }) => {
    const epsilon = numberOf(layer.config, 'epsilon');
    const parameters = ['gamma', 'beta', 'moving_mean', 'moving_variance'].map((role) =>
      graph.floats(`${layer.name}/${role}`, weights.get(role)!),
    );
    // BatchNormalization normalizes axis 1: images go channels-first; a sequence (N, L, C) is turned around it.
    if (inputs[0].rank === 2) {
      const turned = graph.node('Transpose', [inputs[0].name], `${layer.name}/channels_first`, {
        perm: { ints: [0, 2, 1] },
      });
      const normalized = graph.node('BatchNormalization', [turned, ...parameters], `${layer.name}/normalized`, {
        epsilon: { float: epsilon },
      });
      const name = graph.node('Transpose', [normalized], layer.name, { perm: { ints: [0, 2, 1] } });
      return { name, rank: 2, layout: 'nhwc' };
    }
    const input = graph.inLayout(inputs[0], 'nchw');
    const name = graph.node('BatchNormalization', [input.name, ...parameters], layer.name, {
      epsilon: { float: epsilon },
    });
    return { ...input, name };
  },
  Add: ({ graph, layer, inputs }) => {
    const same = alike(graph, inputs);
    return {
      ...same[0],
      name: graph.node(
        'Sum',
        same.map((input) => input.name),
        layer.name,
      ),
    };
  },
  Concatenate: ({ graph, layer, inputs }) => {
    const same = alike(graph, inputs);
    const rank = same[0].rank;
    const requested = numberOf(layer.config, 'axis');
    const axis = requested < 0 ? rank + requested : requested - 1;
    // Tensor axis (batch first) of sample axis `axis`; channels-first images hold (C, H, W).
    const held = same[0].rank === 3 && same[0].layout === 'nchw' ? [2, 3, 1][axis] : axis + 1;
    const name = graph.node(
      'Concat',
      same.map((input) => input.name),
      layer.name,
      { axis: { int: held } },
    );
    return { ...same[0], name };
  },
};
