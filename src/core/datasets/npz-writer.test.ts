import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pythonPeer, runPython } from '../interop/testing/python-peer';
import { loadDataset } from './load-dataset';
import { npyToFloat64, parseNpy } from './npy-reader';
import { encodeNpy, encodeNpz } from './npz-writer';

const work = mkdtempSync(path.join(tmpdir(), 'layerlab-npz-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('npz writer', () => {
  it('writes .npy headers padded to 64 bytes that the .npy reader accepts', () => {
    const bytes = encodeNpy({ dtype: 'float32', shape: [2, 3], values: Float32Array.from([1, 2, 3, 4, 5, -6.5]) });
    const headerLength = new DataView(bytes.buffer).getUint16(8, true);
    expect((10 + headerLength) % 64).toBe(0);
    const array = parseNpy(bytes, 'test', 'test.npy');
    expect(array.shape).toEqual([2, 3]);
    expect([...npyToFloat64(array)]).toEqual([1, 2, 3, 4, 5, -6.5]);
  });

  it('refuses values that do not fill the shape', () => {
    expect(() => encodeNpy({ dtype: 'int32', shape: [3], values: Int32Array.from([1, 2]) })).toThrow(/holds 3 values/);
  });

  it('gives the same bytes twice (fixed time stamps), and data.npz trains like the original', async () => {
    const arrays = {
      x_train: { dtype: 'float32' as const, shape: [4, 2], values: Float32Array.from([0, 0, 0, 1, 1, 0, 1, 1]) },
      y_train: { dtype: 'int32' as const, shape: [4], values: Int32Array.from([0, 1, 1, 0]) },
    };
    const bytes = encodeNpz(arrays, { compress: true });
    expect(encodeNpz(arrays, { compress: true })).toEqual(bytes);
    const file = path.join(work, 'xor.npz');
    writeFileSync(file, bytes);
    const loaded = await loadDataset({ kind: 'file', path: file });
    expect(loaded.descriptor.inputShape).toEqual([2]);
    expect([...loaded.labels]).toEqual([0, 1, 1, 0]);
    expect([...loaded.x]).toEqual([0, 0, 0, 1, 1, 0, 1, 1]);
  });

  const numpy = pythonPeer(['numpy']);
  it.skipIf(!numpy.available)('is read by NumPy itself: float32, int32 and unicode, stored and deflated', async () => {
    for (const compress of [false, true]) {
      const file = path.join(work, `numpy-${compress}.npz`);
      writeFileSync(
        file,
        encodeNpz(
          {
            weights: { dtype: 'float32', shape: [2, 2], values: Float32Array.from([0.5, -1, 3.25, 1e-7]) },
            labels: { dtype: 'int32', shape: [3], values: Int32Array.from([-2, 0, 7]) },
            'layer-1/kernel': { dtype: 'float32', shape: [1], values: Float32Array.from([2]) },
            class_names: { dtype: 'unicode', shape: [2], values: ['Oswald', 'Grüße 😀'] },
          },
          { compress },
        ),
      );
      // The widest name has 7 code points (the emoji is one), so NumPy's dtype is <U7.
      const script = [
        'import json, sys, numpy as np',
        'd = np.load(sys.argv[1], allow_pickle=False)',
        'print(json.dumps({k: [str(d[k].dtype), list(d[k].shape), d[k].tolist()] for k in d.files}))',
      ].join('\n');
      const run = await runPython(['-c', script, file]);
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual({
        weights: [
          'float32',
          [2, 2],
          [
            [0.5, -1],
            [3.25, Math.fround(1e-7)],
          ],
        ],
        labels: ['int32', [3], [-2, 0, 7]],
        'layer-1/kernel': ['float32', [1], [2]],
        class_names: ['<U7', [2], ['Oswald', 'Grüße 😀']],
      });
    }
  });
});
