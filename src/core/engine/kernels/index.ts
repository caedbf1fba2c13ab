export { FAST_KERNELS, fastKernelsActive, registerFastCpuKernels, unregisterFastCpuKernels } from './registry';
