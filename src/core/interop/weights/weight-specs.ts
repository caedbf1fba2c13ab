import type { LayerKind, Shape } from '../../../shared/graph/model-graph';
import { booleanOf, numberOf, pairOf } from '../../../shared/layers/config-values';
import type { PlannedLayer } from '../export-plan';

/** One weight of a layer: its role as tfjs names it (`kernel`, `bias`, `gamma`, ...) and its tfjs shape. */
export interface WeightSpec {
  role: string;
  shape: Shape;
}

type WeightRule = (layer: Pick<PlannedLayer, 'config' | 'inputShapes'>) => WeightSpec[];

const NONE: WeightRule = () => [];

const lastAxis = (layer: Pick<PlannedLayer, 'inputShapes'>) => {
  const shape = layer.inputShapes[0];
  return shape[shape.length - 1];
};

/**
 * The weights each kind holds, in tfjs's order (the order of `layer.getWeights()` and of a Keras layer's
 * `get_weights()`), with tfjs's shapes. A new layer kind does not compile until it says what it holds.
 */
export const WEIGHT_RULES: Record<Exclude<LayerKind, 'Input'>, WeightRule> = {
  Dense: (layer) => {
    const units = numberOf(layer.config, 'units');
    const kernel = { role: 'kernel', shape: [lastAxis(layer), units] };
    return booleanOf(layer.config, 'useBias') ? [kernel, { role: 'bias', shape: [units] }] : [kernel];
  },
  Conv2D: (layer) => {
    const [kh, kw] = pairOf(layer.config, 'kernelSize') ?? [1, 1];
    const filters = numberOf(layer.config, 'filters');
    const kernel = { role: 'kernel', shape: [kh, kw, lastAxis(layer), filters] };
    return booleanOf(layer.config, 'useBias') ? [kernel, { role: 'bias', shape: [filters] }] : [kernel];
  },
  Maxout: (layer) => {
    const width = numberOf(layer.config, 'units') * numberOf(layer.config, 'pieces');
    return [
      { role: 'kernel', shape: [lastAxis(layer), width] },
      { role: 'bias', shape: [width] },
    ];
  },
  BatchNorm: (layer) => {
    const channels = lastAxis(layer);
    return ['gamma', 'beta', 'moving_mean', 'moving_variance'].map((role) => ({ role, shape: [channels] }));
  },
  Activation: NONE,
  Softmax: NONE,
  Dropout: NONE,
  MaxPool2D: NONE,
  AvgPool2D: NONE,
  Flatten: NONE,
  Reshape: NONE,
  Add: NONE,
  Concatenate: NONE,
  GaussianNoise: NONE,
};

export function weightSpecs(layer: PlannedLayer): WeightSpec[] {
  return layer.kind === 'Input' ? [] : WEIGHT_RULES[layer.kind](layer);
}
