import { afterAll, beforeAll, describe } from 'vitest';
import { wasmKernels } from './wasm/wasm-kernels';

/**
 * Declares the suite twice: on one thread, and split over 3 threads from the smallest call on (3 parts of 2 cores:
 * uneven shares, and parts that get no rows), so every kernel's partitioning is proven against stock too.
 */
export function describeOnThreads(name: string, body: () => void): void {
  for (const threads of [1, 3]) {
    describe(`${name} (${threads} thread${threads > 1 ? 's' : ''})`, () => {
      beforeAll(() => wasmKernels()?.configure({ threads, parallelMinWork: 0 }));
      afterAll(() => wasmKernels()?.configure({}));
      body();
    });
  }
}
