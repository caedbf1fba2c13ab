import type { LayerKind } from '../../../shared/graph/model-graph';
import { booleanOf, numberOf, pairOf, shapeOf, stringOf } from '../../../shared/layers/config-values';
import type { PlannedLayer } from '../export-plan';
import { pyFloat, pyString, pyTuple } from '../python-names';
import { INITIALIZER_SCHEMES } from '../initializer-schemes';

/** A Keras layer constructor call for one LayerLab layer (channels-last like LayerLab, so weights need no change). */
type KerasRule = (layer: PlannedLayer) => { call: string; custom?: 'Maxout' };

function keyword(name: string, value: string): string {
  return `${name}=${value}`;
}

/** The layer's arguments, then its name and, for a frozen layer, `trainable=False`. */
function named(layer: PlannedLayer, args: string[]): string {
  const frozen = layer.config.trainable === false ? [keyword('trainable', 'False')] : [];
  return [...args, keyword('name', pyString(layer.name)), ...frozen].join(', ');
}

/** tfjs and Keras name the activations alike (leakyRelu, the exception, is a layer of its own). */
function activationName(layer: PlannedLayer): string {
  return pyString(stringOf(layer.config, 'activation'));
}

function initializer(layer: PlannedLayer): string {
  const name = stringOf(layer.config, 'kernelInitializer') as keyof typeof INITIALIZER_SCHEMES;
  return pyString(INITIALIZER_SCHEMES[name]);
}

function pooling(className: 'MaxPooling2D' | 'AveragePooling2D'): KerasRule {
  return (layer) => {
    const strides = pairOf(layer.config, 'strides');
    return {
      call: `layers.${className}(${named(layer, [
        keyword('pool_size', pyTuple(pairOf(layer.config, 'poolSize') ?? [2, 2])),
        keyword('strides', strides ? pyTuple(strides) : 'None'),
        keyword('padding', pyString(stringOf(layer.config, 'padding'))),
      ])})`,
    };
  };
}

/** How each kind becomes a Keras layer. A new layer kind does not compile until it is handled here. */
export const KERAS_LAYERS: Record<Exclude<LayerKind, 'Input'>, KerasRule> = {
  Dense: (layer) => ({
    call: `layers.Dense(${named(layer, [
      String(numberOf(layer.config, 'units')),
      keyword('activation', activationName(layer)),
      keyword('use_bias', booleanOf(layer.config, 'useBias') ? 'True' : 'False'),
      keyword('kernel_initializer', initializer(layer)),
    ])})`,
  }),
  Conv2D: (layer) => ({
    call: `layers.Conv2D(${named(layer, [
      String(numberOf(layer.config, 'filters')),
      pyTuple(pairOf(layer.config, 'kernelSize') ?? [1, 1]),
      keyword('strides', pyTuple(pairOf(layer.config, 'strides') ?? [1, 1])),
      keyword('padding', pyString(stringOf(layer.config, 'padding'))),
      keyword('activation', activationName(layer)),
      keyword('use_bias', booleanOf(layer.config, 'useBias') ? 'True' : 'False'),
      keyword('kernel_initializer', initializer(layer)),
    ])})`,
  }),
  Maxout: (layer) => ({
    call: `Maxout(${named(layer, [
      keyword('units', String(numberOf(layer.config, 'units'))),
      keyword('pieces', String(numberOf(layer.config, 'pieces'))),
    ])})`,
    custom: 'Maxout',
  }),
  MaxPool2D: pooling('MaxPooling2D'),
  AvgPool2D: pooling('AveragePooling2D'),
  Dropout: (layer) => ({ call: `layers.Dropout(${named(layer, [pyFloat(numberOf(layer.config, 'rate'))])})` }),
  Softmax: (layer) => ({ call: `layers.Softmax(${named(layer, [keyword('axis', '-1')])})` }),
  Activation: (layer) =>
    stringOf(layer.config, 'activation') === 'leakyRelu'
      ? // The slope is the first argument in Keras 2 (alpha) and Keras 3 (negative_slope) alike.
        { call: `layers.LeakyReLU(${named(layer, [pyFloat(numberOf(layer.config, 'alpha'))])})` }
      : { call: `layers.Activation(${named(layer, [activationName(layer)])})` },
  Flatten: (layer) => ({ call: `layers.Flatten(${named(layer, [])})` }),
  Reshape: (layer) => ({
    call: `layers.Reshape(${named(layer, [pyTuple(shapeOf(layer.config, 'targetShape'))])})`,
  }),
  BatchNorm: (layer) => ({
    call: `layers.BatchNormalization(${named(layer, [
      keyword('momentum', pyFloat(numberOf(layer.config, 'momentum'))),
      keyword('epsilon', pyFloat(numberOf(layer.config, 'epsilon'))),
    ])})`,
  }),
  Add: (layer) => ({ call: `layers.Add(${named(layer, [])})` }),
  Concatenate: (layer) => ({
    call: `layers.Concatenate(${named(layer, [keyword('axis', String(numberOf(layer.config, 'axis')))])})`,
  }),
  GaussianNoise: (layer) => ({
    call: `layers.GaussianNoise(${named(layer, [pyFloat(numberOf(layer.config, 'stddev'))])})`,
  }),
};
