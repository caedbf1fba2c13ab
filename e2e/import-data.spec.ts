import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeNpz } from '../src/core/datasets/test-support/npy-writer';
import { mulberry32 } from '../src/shared/seeded-random';
import { expect, test } from './fixtures';

/**
 * The user's own data: a 3 MB .npz of two point clouds (plus an array the importer skips), imported through the UI
 * and trained on. In browser mode the file goes to the server in 1 MiB pieces read from the File one slice at a time.
 */
test('import a multi-megabyte data file and train on it', async ({ layerlab }) => {
  const dir = mkdtempSync(join(tmpdir(), 'layerlab-e2e-import-'));
  try {
    const random = mulberry32(14);
    const samples = 300;
    const x: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < samples; i++) {
      const label = i % 2;
      x.push(label * 2 - 1 + (random() - 0.5), (random() - 0.5) * 2);
      y.push(label);
    }
    const path = join(dir, 'points.npz');
    writeFileSync(
      path,
      encodeNpz({
        x: { descr: '<f4', shape: [samples, 2], values: x },
        y: { descr: '<i4', shape: [samples], values: y },
        x_extra: { descr: '|u1', shape: [3_000_000], values: new Uint8Array(3_000_000).map((_, i) => i % 253) },
      }),
    );

    const { training } = layerlab;
    await layerlab.ready();
    await layerlab.newProject('XOR with a hidden layer');
    await layerlab.importData(path);
    await expect(training.datasetSelect).toContainText('File: points.npz', { timeout: 60_000 });
    await expect(training.root.getByText('2 classes · 300 samples')).toBeVisible();

    await training.setHyperparameter('Epochs', '2');
    await training.train.click();
    await expect(training.stop).toBeEnabled({ timeout: 60_000 });
    await training.waitForEnd(120_000);
    const counts = await training.confusionCounts();
    expect(counts).toHaveLength(2);
    expect(counts.flat().reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
