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
      const got = w.scope((s) => {
        const c = s.temp(m * n * 4);
        gemm(s, m, n, k, rowMajor(s.input(a), k), rowMajor(s.input(b), n), c, n);
        return w.view(c, m * n).slice();
      });
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
    // an output address past the end of memory traps (out of bounds) in whichever thread runs the part
    const beyond = 2 ** 31 - 64;
    expect(() =>
      w.scope((s) => gemm(s, 64, 64, 8, rowMajor(s.zeros(64 * 8), 8), rowMajor(s.zeros(8 * 64), 64), beyond, 64)),
    ).toThrow();
    const c = w.scope((s) => {
      const at = s.temp(4 * 4 * 4);
      const a = rowMajor(s.input(new Float32Array([1, 2, 3, 4])), 1);
      gemm(s, 4, 4, 1, a, rowMajor(s.input(new Float32Array([1, 1, 1, 1])), 4), at, 4);
      return w.view(at, 16).slice();
    });
    expect(Array.from(c)).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4]);
  });
});
