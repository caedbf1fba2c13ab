import { defineLayer } from '../layer-definition';
import { ACTIVATION_FIELD, KERNEL_INITIALIZER_FIELD, TRAINABLE_FIELD, USE_BIAS_FIELD } from '../common-fields';
import { booleanOf, numberOf, pairOf, stringOf } from '../config-values';
import { requireImage } from '../shape-result';
import { slideWindow } from '../window-output';

export const CONV2D_LAYER = defineLayer({
  kind: 'Conv2D',
  displayName: 'Conv2D',
  category: 'Convolution',
  fields: [
    {
      key: 'filters',
      label: 'Filters',
      type: 'int',
      default: 4,
      min: 1,
      help: 'Number of feature detectors, i.e. output channels.',
    },
    {
      key: 'kernelSize',
      label: 'Kernel size',
      type: 'pair',
      default: [5, 5],
      min: 1,
      help: 'Height and width of the window each filter looks at.',
    },
    {
      key: 'strides',
      label: 'Strides',
      type: 'pair',
      default: [1, 1],
      min: 1,
      help: 'Step between two windows; 2 halves the output size.',
    },
    {
      key: 'padding',
      label: 'Padding',
      type: 'enum',
      default: 'same',
      choices: ['same', 'valid'],
      help: '"same" pads the edges with zeros so the output keeps the input size (at stride 1); "valid" uses only windows inside the image.',
    },
    ACTIVATION_FIELD,
    USE_BIAS_FIELD,
    KERNEL_INITIALIZER_FIELD,
    TRAINABLE_FIELD,
  ],
  inputs: { min: 1, max: 1 },
  explanation:
    'A convolutional layer: each filter is a small window of weights (5×5 in the course CNN) slid over the whole image, computing at every position a weighted sum of the pixels under it plus a bias, followed by the activation. Because the same weights are reused everywhere, it detects a local pattern (an edge, a stroke) wherever it appears, with far fewer parameters than a Dense layer. Each filter produces one channel of the output; stacked convolutions learn patterns from local to global.',
  formula: 'y_{i,j,f} = f( Σ_{p,q,c} W_{p,q,c,f} · x_{i+p, j+q, c} + b_f )',
  outputShape: (inputs, config) => {
    const input = inputs[0];
    const notImage = requireImage('Conv2D', input);
    if (notImage) return notImage;
    return slideWindow(
      'kernel',
      input,
      pairOf(config, 'kernelSize') ?? [1, 1],
      pairOf(config, 'strides') ?? [1, 1],
      stringOf(config, 'padding'),
      numberOf(config, 'filters'),
    );
  },
  paramCount: (inputs, config) => {
    const [kh, kw] = pairOf(config, 'kernelSize') ?? [1, 1];
    const inChannels = inputs[0][inputs[0].length - 1];
    const filters = numberOf(config, 'filters');
    return {
      trainable: kh * kw * inChannels * filters + (booleanOf(config, 'useBias') ? filters : 0),
      nonTrainable: 0,
    };
  },
  summary: (config) => {
    const [kh, kw] = pairOf(config, 'kernelSize') ?? [1, 1];
    const strides = pairOf(config, 'strides') ?? [1, 1];
    const stride = strides[0] !== 1 || strides[1] !== 1 ? ` /${strides[0]}×${strides[1]}` : '';
    return `${numberOf(config, 'filters')} × ${kh}×${kw} ${stringOf(config, 'padding')}${stride}`;
  },
});
