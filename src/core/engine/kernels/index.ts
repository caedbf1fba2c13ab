export { FAST_KERNELS, fastKernelsActive, registerFastCpuKernels, unregisterFastCpuKernels } from './registry';
export { fuseLayers } from './fuse-layers';
