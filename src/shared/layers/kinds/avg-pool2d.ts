import { poolingLayer } from '../pooling';

export const AVG_POOL2D_LAYER = poolingLayer(
  'AvgPool2D',
  'avg',
  'Shrinks an image by replacing each small window (2×2 by default) with the average of its values, separately for every channel. Like max pooling it reduces the size of the representation, but it keeps a smoothed summary instead of the strongest response. It has no parameters.',
  'y_{i,j,c} = mean_{(p,q) ∈ window(i,j)} x_{p,q,c}',
);
