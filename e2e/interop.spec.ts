import { unzipSync } from 'fflate';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';

/**
 * Export… and Open model… in browser mode: a trained XOR run exported as PyTorch (with its data) and as ONNX, then as
 * TensorFlow.js, whose model.json opens again as an editable project with the same layers.
 */
test('export a trained XOR run as PyTorch and ONNX, and open an exported model.json', async ({ layerlab }) => {
  test.skip(layerlab.host.kind !== 'web', 'downloads and uploads are browser mode’s; Electron uses native dialogs');
  const { training, canvas, page } = layerlab;
  await layerlab.ready();
  await layerlab.newProject('XOR with a hidden layer');
  await training.setHyperparameter('Epochs', '3');
  await expect(training.train).toBeEnabled();
  await training.train.click();
  await training.waitForEnd(90_000);
  await expect(page.getByRole('button', { name: 'Export model…' })).toBeEnabled();

  const pytorch = await layerlab.exportModel({ format: 'PyTorch', includeData: true });
  expect(pytorch.name).toBe('XOR-with-a-hidden-layer-run-1-pytorch.zip');
  const torchFiles = unzipSync(readFileSync(pytorch.path));
  expect(Object.keys(torchFiles).sort()).toEqual([
    'README.md',
    'data.npz',
    'history.csv',
    'model.py',
    'train.py',
    'weights.npz',
  ]);
  const modelPy = new TextDecoder().decode(torchFiles['model.py']);
  expect(modelPy).toContain('nn.Module');
  expect(modelPy).toContain('XOR-with-a-hidden-layer-run-1-pytorch');
  // history.csv: a header and one line per epoch trained.
  expect(new TextDecoder().decode(torchFiles['history.csv']).trim().split('\n')).toHaveLength(4);

  const onnx = await layerlab.exportModel({ format: 'ONNX' });
  expect(onnx.name).toBe('XOR-with-a-hidden-layer-run-1-onnx.zip');
  const onnxFiles = unzipSync(readFileSync(onnx.path));
  expect(Object.keys(onnxFiles)).toContain('model.onnx');
  expect(Object.keys(onnxFiles)).not.toContain('data.npz');
  expect(onnxFiles['model.onnx'].length).toBeGreaterThan(100);
  await expect(page.getByRole('status').filter({ hasText: 'Exported Run 1 as ONNX' })).toBeVisible();

  // Open model…: the TensorFlow.js export, uploaded with the files beside it, becomes the project on the canvas.
  const tfjs = await layerlab.exportModel({ format: 'TensorFlow.js' });
  const dir = mkdtempSync(join(tmpdir(), 'layerlab-e2e-model-'));
  try {
    const files = unzipSync(readFileSync(tfjs.path));
    for (const name of ['model.json', 'weights.bin', 'project.layerlab.json'])
      writeFileSync(join(dir, name), files[name]);
    await layerlab.newProject(null);
    await expect(canvas.nodes()).toHaveCount(0);
    await layerlab.openModel(['model.json', 'weights.bin', 'project.layerlab.json'].map((name) => join(dir, name)));
    await expect(canvas.nodes('Input')).toHaveCount(1);
    await expect(canvas.nodes('Dense')).toHaveCount(2);
    await expect(
      page.getByRole('status').filter({ hasText: /Opened model\.json as a new project: 3 layers/ }),
    ).toBeVisible();

    // A model with a layer LayerLab has no card for: the message names it, and the project stays as it was.
    const model = JSON.parse(files['model.json'] ? new TextDecoder().decode(files['model.json']) : '{}');
    model.modelTopology.config.layers[1].class_name = 'LSTM';
    writeFileSync(join(dir, 'model.json'), JSON.stringify(model));
    await layerlab.openModel([join(dir, 'model.json')]);
    const problem = page.getByRole('dialog', { name: 'Could not open the model' });
    await expect(problem).toBeVisible();
    await expect(problem.getByRole('listitem')).toContainText([/LSTM layers are not supported/]);
    await problem.getByRole('button', { name: 'Close' }).click();
    await expect(canvas.nodes('Dense')).toHaveCount(2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
