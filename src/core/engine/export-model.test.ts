import * as tf from '@tensorflow/tfjs';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseProjectFile } from '../../shared/graph/project-file';
import { TEMPLATES } from '../../shared/templates';
import { buildModel } from './build-model';
import { exportTrainedModel, historyCsv } from './export-model';
import { fileLoadHandler } from './file-io-handler';
import { mulberry32 } from '../../shared/seeded-random';

tf.enableProdMode();

const root = mkdtempSync(path.join(tmpdir(), 'layerlab-export-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('exportTrainedModel', () => {
  for (const template of TEMPLATES) {
    it(`round-trips the ${template.id} template: same predictions after tf.loadLayersModel`, async () => {
      const model = buildModel(template.graph, { seed: 3 });
      const dir = path.join(root, template.id);
      const history = [
        { epoch: 1, loss: 0.9, accuracy: 0.5, valLoss: 1.1, valAccuracy: 0.4 },
        { epoch: 2, loss: 0.5, accuracy: null, valLoss: null, valAccuracy: null },
      ];
      await exportTrainedModel(dir, {
        model,
        project: { graph: template.graph, training: template.training, dataset: template.dataset, task: template.task },
        history,
      });

      const inputShape = model.inputs[0].shape.slice(1) as number[];
      const random = mulberry32(9);
      const x = tf.tensor(
        [...new Array(3 * inputShape.reduce((a, b) => a * b, 1))].map(() => random()),
        [3, ...inputShape],
      );
      const loaded = await tf.loadLayersModel(fileLoadHandler(dir));
      const before = (model.predict(x) as tf.Tensor).dataSync();
      const after = (loaded.predict(x) as tf.Tensor).dataSync();
      expect(after.length).toBe(before.length);
      let maxDiff = 0;
      for (let i = 0; i < before.length; i++) maxDiff = Math.max(maxDiff, Math.abs(before[i] - after[i]));
      expect(maxDiff).toBeLessThan(1e-5);
      expect(loaded.countParams()).toBe(model.countParams());

      const modelJson = JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8'));
      expect(modelJson.format).toBe('layers-model');
      expect(modelJson.weightsManifest[0].paths).toEqual(['./weights.bin']);
      const project = parseProjectFile(readFileSync(path.join(dir, 'project.layerlab.json'), 'utf8'));
      expect(project.ok && project.project.graph).toEqual(template.graph);
      expect(readFileSync(path.join(dir, 'history.csv'), 'utf8')).toBe(historyCsv(history));
      model.dispose();
      loaded.dispose();
      x.dispose();
    });
  }

  it('leaves no temp file behind when the export fails', async () => {
    // Before: a failed rename left weights.bin.<pid>.tmp in the output folder.
    const template = TEMPLATES[0];
    const dir = path.join(root, 'failing');
    mkdirSync(path.join(dir, 'weights.bin'), { recursive: true }); // a folder where the weights go
    const model = buildModel(template.graph, { seed: 3 });
    const project = {
      graph: template.graph,
      training: template.training,
      dataset: template.dataset,
      task: template.task,
    };
    await expect(exportTrainedModel(dir, { model, project, history: [] })).rejects.toThrow();
    model.dispose();
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('writes history.csv with empty cells for missing metrics', () => {
    expect(historyCsv([{ epoch: 1, loss: 0.25, accuracy: null, valLoss: 0.5, valAccuracy: null }])).toBe(
      'epoch,loss,accuracy,val_loss,val_accuracy\n1,0.25,,0.5,\n',
    );
  });
});
