import { unzipSync } from 'fflate';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import type { LayerLabPage } from './pages/layerlab-page';

async function trainFor(layerlab: LayerLabPage, epochs: string): Promise<void> {
  const { training } = layerlab;
  await training.setHyperparameter('Epochs', epochs);
  await expect(training.train).toBeEnabled();
  await training.train.click();
  await expect(training.stop).toBeEnabled({ timeout: 60_000 });
  await training.waitForEnd(2 * 60_000);
}

/**
 * Start from: a second XOR run starts from the first run's weights (which the host kept; only the run's id crosses
 * the boundary), lists every layer as reused, and begins where the first run ended instead of at chance.
 */
test('a run that starts from an earlier run reuses its layers and starts with a much lower loss', async ({
  layerlab,
}) => {
  test.setTimeout(5 * 60_000);
  test.skip(layerlab.host.kind !== 'web', 'reads the saved project through a download, which is browser mode’s');
  const { page } = layerlab;
  await layerlab.ready();
  await layerlab.newProject('XOR with a hidden layer');
  const startFrom = page.getByRole('combobox', { name: 'Start from' });
  await expect(startFrom).toHaveValue('New random weights');
  await trainFor(layerlab, '15');

  await startFrom.selectOption('Run 1');
  await trainFor(layerlab, '2');
  const reused = page.getByRole('region', { name: 'Reused weights' });
  await expect(reused).toBeVisible();
  await expect(reused.getByRole('listitem')).toHaveText([/: reused$/, /: reused$/]);

  const saved = await layerlab.saveAs();
  const project = JSON.parse(saved.text) as {
    runs: { number: number; history: { loss: number }[]; request: { startFrom?: unknown } }[];
  };
  const [first, second] = project.runs;
  expect(first.request.startFrom).toBeUndefined();
  expect(second.request.startFrom).toEqual({ kind: 'run', run: 1 });
  // Chance on XOR is ln 2 ≈ 0.69; after 15 epochs the first run's weights start the second far below it.
  expect(second.history[0].loss).toBeLessThan(first.history[0].loss / 2);
});

/**
 * Open model… with the weight files beside the model.json: the project offers `Imported model weights` as Start from,
 * and a run from them starts where the exported run ended.
 */
test('a model opened with its weight files starts a run from the imported weights', async ({ layerlab }) => {
  test.setTimeout(5 * 60_000);
  test.skip(layerlab.host.kind !== 'web', 'downloads and uploads are browser mode’s; Electron uses native dialogs');
  const { page } = layerlab;
  await layerlab.ready();
  await layerlab.newProject('XOR with a hidden layer');
  await trainFor(layerlab, '15');
  const exported = await layerlab.exportModel({ format: 'TensorFlow.js' });
  const dir = mkdtempSync(join(tmpdir(), 'layerlab-e2e-start-from-'));
  try {
    const files = unzipSync(readFileSync(exported.path));
    const names = ['model.json', 'weights.bin', 'project.layerlab.json'];
    for (const name of names) writeFileSync(join(dir, name), files[name]);

    // Without its weight file the model does not open, and the message names the file.
    await layerlab.newProject(null);
    await layerlab.openModel([join(dir, 'model.json')]);
    const problem = page.getByRole('dialog', { name: 'Could not open the model' });
    await expect(problem).toContainText('weights.bin');
    await problem.getByRole('button', { name: 'Close' }).click();
    await expect(layerlab.canvas.nodes()).toHaveCount(0);

    await layerlab.openModel(names.map((name) => join(dir, name)));
    await expect(layerlab.canvas.nodes('Dense')).toHaveCount(2);
    const startFrom = page.getByRole('combobox', { name: 'Start from' });
    await expect(startFrom.getByRole('option')).toHaveText(['New random weights', 'Imported model weights']);
    await startFrom.selectOption('Imported model weights');
    await trainFor(layerlab, '1');
    const reused = page.getByRole('region', { name: 'Reused weights' });
    await expect(reused.getByRole('listitem')).toHaveText([/: reused$/, /: reused$/]);

    const saved = await layerlab.saveAs();
    const project = JSON.parse(saved.text) as {
      weights?: { layers: Record<string, unknown> };
      runs: { history: { loss: number }[]; request: { startFrom?: unknown } }[];
    };
    // The imported weights stay with the project; the run records where it started.
    expect(Object.keys(project.weights?.layers ?? {})).toHaveLength(2);
    expect(project.runs[0].request.startFrom).toEqual({ kind: 'imported' });
    // Chance on XOR is ln 2 ≈ 0.69: trained weights start far below it.
    expect(project.runs[0].history[0].loss).toBeLessThan(0.35);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
