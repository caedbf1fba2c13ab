export { gemm, gemmWorkBytes } from './gemm';
export { col2im, convDirect, convFilterGradDirect, im2col } from './conv';
export { biasActivationGrad, biasBlockRows } from './activation';
export { adam } from './adam';
export { maxPool, maxPoolGradDisjoint } from './pool';
