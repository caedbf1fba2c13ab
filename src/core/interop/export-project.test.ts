import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chain, node } from '../../shared/graph/testing/fixtures';
import { getTemplate } from '../../shared/templates';
import { COURSE_TRAINING } from '../../shared/templates/template';
import { loadDataset, splitDataset } from '../datasets';
import { exportProject } from './export-project';
import { readWeightsManifest } from './weights/tfjs-weights-file';

const work = mkdtempSync(path.join(tmpdir(), 'layerlab-export-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const xor = getTemplate('xor-mlp')!;
const base = { graph: xor.graph, training: xor.training, dataset: xor.dataset, task: xor.task, projectName: 'xor-mlp' };

describe('exportProject', () => {
  it("writes data.npz with LayerLab's own split of the data", async () => {
    const outDir = path.join(work, 'with-data');
    const result = await exportProject({ ...base, format: 'pytorch', data: xor.dataset, outDir });
    expect(result.files.map((file) => path.basename(file))).toEqual(['model.py', 'train.py', 'README.md', 'data.npz']);
    const exported = await loadDataset({ kind: 'file', path: path.join(outDir, 'data.npz') });
    const original = await loadDataset(xor.dataset);
    const { train } = splitDataset(original, {
      validationSplit: xor.training.validationSplit,
      seed: xor.training.seed,
    });
    expect(exported.count).toBe(train.count);
    expect([...exported.x]).toEqual([...train.x]);
    expect([...exported.labels]).toEqual([...train.labels]);
    expect(result.plan.targets.classNames).toEqual(original.descriptor.classNames);
  });

  it('writes TF.js files that read back with their weights, and names the project in model.json', async () => {
    const outDir = path.join(work, 'tfjs');
    await exportProject({ ...base, format: 'tfjs', outDir });
    const modelJson = JSON.parse(readFileSync(path.join(outDir, 'model.json'), 'utf8'));
    expect(modelJson.userDefinedMetadata.layerlab.project).toBe('xor-mlp');
    const weights = await readWeightsManifest(outDir, modelJson.weightsManifest);
    expect([...weights.keys()]).toEqual(['dense-1/kernel', 'dense-1/bias', 'dense-2/kernel', 'dense-2/bias']);
  });

  it('refuses weights that do not fit before writing anything', async () => {
    const outDir = path.join(work, 'misfit');
    const source = new Map([['dense-1', new Map([['kernel', { shape: [3, 8], values: new Float32Array(24) }]])]]);
    await expect(
      exportProject({ ...base, format: 'onnx', outDir, weights: { source, origin: 'elsewhere' } }),
    ).rejects.toThrow(
      /The weights in elsewhere do not fit this model: layer "dense-2" has no weights there; layer "dense-1": kernel is \[3, 8\], expected \[2, 8\]; no bias/,
    );
    expect(existsSync(outDir)).toBe(false);
  });

  it('writes code for any model the analysis accepts, but builds in memory only models of a bounded size', async () => {
    // 80 M parameters: within the analysis's limits (100 M per layer), beyond what an export builds in memory.
    const huge = chain(
      node('in', 'Input', { shape: [10_000] }),
      node('out', 'Dense', { units: 8_000, activation: 'softmax' }),
    );
    const request = { ...base, graph: huge, training: COURSE_TRAINING, task: 'classification' as const };
    const code = await exportProject({ ...request, format: 'keras', outDir: path.join(work, 'huge-keras') });
    expect(code.plan.totalParams).toBe(10_000 * 8_000 + 8_000);
    const outDir = path.join(work, 'huge-onnx');
    await expect(exportProject({ ...request, format: 'onnx', outDir })).rejects.toThrow(
      /80,008,000 parameters; a ONNX export/,
    );
    expect(existsSync(outDir)).toBe(false);
    expect(readdirSync(path.join(work, 'huge-keras'))).toEqual(['README.md', 'model.py', 'train.py']);
  });
});
