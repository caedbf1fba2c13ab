import { poolingLayer } from '../pooling';

export const MAX_POOL2D_LAYER = poolingLayer(
  'MaxPool2D',
  'max',
  'Shrinks an image by keeping only the largest value of each small window (2×2 by default, so height and width halve), separately for every channel. It keeps the strongest detection of each feature while reducing the size of the representation, hence the parameters and computation of later layers, and helps control overfitting. It has no parameters.',
  'y_{i,j,c} = max_{(p,q) ∈ window(i,j)} x_{p,q,c}',
);
