import type { JsonValue, LayerKind } from '../graph/model-graph';
import type { LayerCategory, LayerConfig, LayerDefinition } from './layer-definition';
import { ACTIVATION_LAYER } from './kinds/activation';
import { ADD_LAYER } from './kinds/add';
import { AVG_POOL2D_LAYER } from './kinds/avg-pool2d';
import { BATCH_NORM_LAYER } from './kinds/batch-norm';
import { CONCATENATE_LAYER } from './kinds/concatenate';
import { CONV2D_LAYER } from './kinds/conv2d';
import { DENSE_LAYER } from './kinds/dense';
import { DROPOUT_LAYER } from './kinds/dropout';
import { FLATTEN_LAYER } from './kinds/flatten';
import { GAUSSIAN_NOISE_LAYER } from './kinds/gaussian-noise';
import { INPUT_LAYER } from './kinds/input';
import { MAX_POOL2D_LAYER } from './kinds/max-pool2d';
import { MAXOUT_LAYER } from './kinds/maxout';
import { RESHAPE_LAYER } from './kinds/reshape';
import { SOFTMAX_LAYER } from './kinds/softmax';

/** Every layer kind's definition; adding a layer means adding one file in kinds/ and one line here. */
export const LAYER_CATALOGUE: Record<LayerKind, LayerDefinition> = {
  Input: INPUT_LAYER,
  Dense: DENSE_LAYER,
  Activation: ACTIVATION_LAYER,
  Softmax: SOFTMAX_LAYER,
  Maxout: MAXOUT_LAYER,
  Dropout: DROPOUT_LAYER,
  Conv2D: CONV2D_LAYER,
  MaxPool2D: MAX_POOL2D_LAYER,
  AvgPool2D: AVG_POOL2D_LAYER,
  Flatten: FLATTEN_LAYER,
  Reshape: RESHAPE_LAYER,
  Add: ADD_LAYER,
  Concatenate: CONCATENATE_LAYER,
  BatchNorm: BATCH_NORM_LAYER,
  GaussianNoise: GAUSSIAN_NOISE_LAYER,
};

export function getLayerDefinition(kind: LayerKind): LayerDefinition {
  return LAYER_CATALOGUE[kind];
}

/** The palette's sections, in display order. */
export const PALETTE: { category: LayerCategory; kinds: LayerKind[] }[] = [
  { category: 'Core', kinds: ['Input', 'Dense', 'Activation', 'Softmax', 'Maxout', 'Dropout'] },
  { category: 'Convolution', kinds: ['Conv2D', 'MaxPool2D', 'AvgPool2D', 'Flatten', 'Reshape'] },
  { category: 'Merge', kinds: ['Add', 'Concatenate'] },
  { category: 'Regularization', kinds: ['BatchNorm', 'GaussianNoise'] },
];

/**
 * The config with every field of the kind present: given values are kept (even invalid ones, which validation
 * reports), missing ones take the field's default, and keys the kind does not know are dropped.
 */
export function withDefaults(kind: LayerKind, config: LayerConfig): LayerConfig {
  const filled: LayerConfig = {};
  for (const field of LAYER_CATALOGUE[kind].fields) {
    const given = Object.prototype.hasOwnProperty.call(config, field.key) ? config[field.key] : undefined;
    filled[field.key] = given === undefined ? cloneDefault(field.default) : given;
  }
  return filled;
}

function cloneDefault(value: JsonValue): JsonValue {
  return Array.isArray(value) ? [...value] : value;
}
