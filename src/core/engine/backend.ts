import * as tf from '@tensorflow/tfjs';
import type { BackendName } from '../../shared/training/train-config';
import { EngineError } from './engine-error';
import { registerFastCpuKernels, unregisterFastCpuKernels } from './kernels/index';

/** The backend a run actually uses, as reported in the `started` event. */
export type ActiveBackend = 'node' | 'cpu' | 'cpu-stock';

/**
 * Switches tfjs to the requested backend and says which one runs. `node` needs the optional native
 * @tensorflow/tfjs-node; `auto` takes it when it loads and falls back to `cpu` otherwise.
 */
export async function selectBackend(requested: BackendName): Promise<ActiveBackend> {
  if (requested === 'node' || requested === 'auto') {
    if (await tryNodeBackend()) return 'node';
    if (requested === 'node') {
      throw new EngineError(
        'backend-unavailable',
        'Backend "node" needs @tensorflow/tfjs-node, which is not installed on this machine (its native library ' +
          'could not be installed). Use --backend cpu, or install @tensorflow/tfjs-node.',
      );
    }
  }
  await setBackendOrFail('cpu');
  if (requested === 'cpu-stock') {
    unregisterFastCpuKernels();
    return 'cpu-stock';
  }
  registerFastCpuKernels();
  return 'cpu';
}

async function tryNodeBackend(): Promise<boolean> {
  // A variable specifier: the package is optional, so neither TypeScript nor bundlers may insist it exists.
  const specifier = '@tensorflow/tfjs-node';
  try {
    await import(/* @vite-ignore */ specifier);
    return await tf.setBackend('tensorflow');
  } catch {
    return false;
  }
}

async function setBackendOrFail(name: string): Promise<void> {
  if (!(await tf.setBackend(name)))
    throw new EngineError('internal', `TensorFlow.js backend "${name}" failed to start`);
  await tf.ready();
}
