import type { JsonValue, LayerKind } from '../graph/model-graph';
import type { LayerConfig, LayerDefinition } from './layer-definition';
import { LAYER_CATEGORIES, type LayerCategory } from './categories';
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

/**
 * The registry of layer kinds, in palette order within each category. Adding a kind is its definition file in
 * kinds/, its entry here, and its one builder line in src/core/engine/build-model.ts: LAYER_KINDS (and so the
 * project-file schema), the palette, the inspector, analysis and the random test graphs all read this list.
 */
export const LAYER_DEFINITIONS = [
  INPUT_LAYER,
  DENSE_LAYER,
  ACTIVATION_LAYER,
  SOFTMAX_LAYER,
  MAXOUT_LAYER,
  DROPOUT_LAYER,
  CONV2D_LAYER,
  MAX_POOL2D_LAYER,
  AVG_POOL2D_LAYER,
  FLATTEN_LAYER,
  RESHAPE_LAYER,
  ADD_LAYER,
  CONCATENATE_LAYER,
  BATCH_NORM_LAYER,
  GAUSSIAN_NOISE_LAYER,
] as const;

/** Every layer kind's definition, by kind. */
export const LAYER_CATALOGUE = Object.fromEntries(
  LAYER_DEFINITIONS.map((definition) => [definition.kind, definition]),
) as Readonly<Record<LayerKind, LayerDefinition<LayerKind>>>;

export function getLayerDefinition(kind: LayerKind): LayerDefinition<LayerKind> {
  return LAYER_CATALOGUE[kind];
}

/** The palette's sections: the categories in their order, each with its kinds in registry order. */
export const PALETTE: { category: LayerCategory; kinds: LayerKind[] }[] = LAYER_CATEGORIES.map(({ id }) => ({
  category: id,
  kinds: LAYER_DEFINITIONS.filter((definition) => definition.category === id).map((definition) => definition.kind),
})).filter((section) => section.kinds.length > 0);

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
