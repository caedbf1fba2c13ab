import { afterAll, describe, expect, it } from 'vitest';
import { seededValues } from '../stock-comparison';
import { gemm, rowMajor } from './wasm-ops';
import { wasmKernels } from './wasm-kernels';

afterAll(() => wasmKernels()?.configure({}));

describe('the wasm thread pool', () => {
  it('runs hundreds of back-to-back jobs of changing shapes on 3 threads, each with its own arguments', () => {
    const w = wasmKernels()!;
    w.configure({ threads: 3, parallelMinWork: 0 });
    for (let job = 0; job < 400; job++) {
      // shapes change every job: a worker waking late with the previous job's arguments would show up here
      const m = 1 + (job % 13);
      const n = 1 + ((job * 7) % 11);
      const k = 1 + ((job * 5) % 9);
      const a = seededValues(m * k, job + 1);
      const b = seededValues(k * n, job + 2);
      w.begin();
      const c = w.alloc(m * n * 4);
      gemm(w, m, n, k, rowMajor(w.write(a), k), rowMajor(w.write(b), n), c, n);
      const got = w.read(c, m * n);
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let q = 0; q < k; q++) s += a[i * k + q] * b[q * n + j];
          expect(Math.abs(got[i * n + j] - s)).toBeLessThanOrEqual(1e-5);
        }
      }
    }
  });

  it('reports a kernel that traps on a worker as an error, and keeps working afterwards', () => {
    const w = wasmKernels()!;
    w.configure({ threads: 3, parallelMinWork: 0 });
    w.begin();
    // an output address past the end of memory traps (out of bounds) in whichever thread runs the part
    const beyond = 2 ** 31 - 64;
    expect(() => gemm(w, 64, 64, 8, rowMajor(w.zeros(64 * 8), 8), rowMajor(w.zeros(8 * 64), 64), beyond, 64)).toThrow();
    w.begin();
    const c = w.alloc(4 * 4 * 4);
    gemm(
      w,
      4,
      4,
      1,
      rowMajor(w.write(new Float32Array([1, 2, 3, 4])), 1),
      rowMajor(w.write(new Float32Array([1, 1, 1, 1])), 4),
      c,
      4,
    );
    expect(Array.from(w.read(c, 16))).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4]);
  });
});
