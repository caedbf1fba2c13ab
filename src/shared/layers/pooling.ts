import type { LayerDefinition } from './layer-definition';
import { pairOf, stringOf } from './config-values';
import { NO_PARAMS, requireImage } from './shape-result';
import { slideWindow } from './window-output';

/** MaxPool2D and AvgPool2D differ only in how a window is reduced; everything else is shared. */
export function poolingLayer<K extends string>(
  kind: K,
  reduction: 'max' | 'avg',
  explanation: string,
  formula: string,
): LayerDefinition<K> {
  return {
    kind,
    displayName: kind,
    category: 'Convolution',
    fields: [
      {
        key: 'poolSize',
        label: 'Pool size',
        type: 'pair',
        default: [2, 2],
        min: 1,
        help: 'Height and width of the window reduced to one value.',
      },
      {
        key: 'strides',
        label: 'Strides',
        type: 'pair',
        default: null,
        nullable: true,
        min: 1,
        help: 'Step between windows; empty means the pool size (non-overlapping windows, the usual choice).',
      },
      {
        key: 'padding',
        label: 'Padding',
        type: 'enum',
        default: 'valid',
        choices: ['valid', 'same'],
        help: '"valid" drops windows that would leave the image; "same" pads so that ceil(size / stride) windows fit.',
      },
    ],
    inputs: { min: 1, max: 1 },
    explanation,
    formula,
    outputShape: (inputs, config) => {
      const input = inputs[0];
      const notImage = requireImage(kind, input);
      if (notImage) return notImage;
      const poolSize = pairOf(config, 'poolSize') ?? [2, 2];
      const strides = pairOf(config, 'strides') ?? poolSize;
      return slideWindow('pool', input, poolSize, strides, stringOf(config, 'padding'), input[2]);
    },
    paramCount: () => NO_PARAMS,
    summary: (config) => {
      const poolSize = pairOf(config, 'poolSize') ?? [2, 2];
      const strides = pairOf(config, 'strides');
      const stride =
        strides && (strides[0] !== poolSize[0] || strides[1] !== poolSize[1]) ? ` /${strides[0]}×${strides[1]}` : '';
      const padding = stringOf(config, 'padding') === 'same' ? ' same' : '';
      return `${poolSize[0]}×${poolSize[1]} ${reduction}${stride}${padding}`;
    },
  };
}
