import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import type { LayerLabPage } from './pages/layerlab-page';
import { ViewsPage } from './pages/views-page';

/** A new project from `template`, trained for `epochs`. */
async function train(layerlab: LayerLabPage, template: string, epochs: string): Promise<void> {
  await layerlab.ready();
  await layerlab.newProject(template);
  await trainAgain(layerlab, epochs);
}

async function trainAgain(layerlab: LayerLabPage, epochs: string): Promise<void> {
  const { training } = layerlab;
  await training.setHyperparameter('Epochs', epochs);
  await expect(training.train).toBeEnabled();
  await training.train.click();
  await expect(training.stop).toBeEnabled({ timeout: 60_000 });
  await training.waitForEnd(4 * 60_000);
}

test('XOR: the decision boundary is drawn, and a matrix cell of count n lists its n samples', async ({ layerlab }) => {
  test.setTimeout(5 * 60_000);
  const views = new ViewsPage(layerlab.page);
  await layerlab.ready();
  await layerlab.newProject('XOR with a hidden layer');
  // The plane shows the data before any training.
  await expect(views.boundary).toBeVisible();
  await trainAgain(layerlab, '8');

  await expect(views.boundary).toBeVisible();
  await expect(views.boundarySection.getByText(/After epoch 8\./)).toBeVisible();
  const grid = views.boundarySection.locator('canvas.boundary-grid');
  await expect.poll(() => views.paintedPixels(grid)).toBeGreaterThan(100);
  // The boundary fits beside the run's sections: the dock needs no sideways scroll (at 1440×900 and 1280×720).
  expect(await views.dockOverflow()).toBeLessThanOrEqual(0);

  const counts = await layerlab.training.confusionCounts();
  const cells = counts.flatMap((row, i) => row.map((count, j) => ({ i, j, count }))).filter((c) => c.count > 0);
  for (const { i, j, count } of [cells[0], cells[cells.length - 1]]) {
    await views.cell(i, j).click();
    await expect(views.samplesDialog).toBeVisible();
    await expect(views.samplesDialog.getByRole('listitem')).toHaveCount(count);
    await views.samplesDialog.getByRole('button', { name: 'Close' }).click();
    await expect(views.samplesDialog).toBeHidden();
  }
});

test('runs are saved with the project and listed as Run 1, Run 2 after a reload, ready to compare', async ({
  layerlab,
}) => {
  test.setTimeout(5 * 60_000);
  const views = new ViewsPage(layerlab.page);
  const dir = mkdtempSync(join(tmpdir(), 'layerlab-e2e-runs-'));
  try {
    await train(layerlab, 'XOR with a hidden layer', '4');
    await layerlab.training.setHyperparameter('Learning rate', '0.1');
    await trainAgain(layerlab, '4');
    const runButton = (n: number) => layerlab.page.getByRole('button', { name: new RegExp(`^Run ${n}\\b`) });
    await expect(runButton(2)).toBeVisible();

    const saved = await layerlab.saveAs(join(dir, 'xor-runs.layerlab.json'));
    const project = JSON.parse(saved.text) as { runs: { number: number; history: unknown[] }[] };
    expect(project.runs.map((run) => [run.number, run.history.length])).toEqual([
      [1, 4],
      [2, 4],
    ]);

    await layerlab.page.reload();
    await layerlab.ready();
    const path = join(dir, saved.name);
    writeFileSync(path, saved.text);
    await layerlab.open(path);
    await expect(runButton(1)).toBeVisible();
    await expect(runButton(2)).toBeVisible();
    await runButton(1).click();
    await expect(layerlab.training.confusionMatrix).toBeVisible();

    // Ticking the two runs in the Runs list opens their comparison.
    await layerlab.page.getByRole('checkbox', { name: 'Compare Run 1' }).check();
    await layerlab.page.getByRole('checkbox', { name: 'Compare Run 2' }).check();
    await expect(layerlab.page.getByRole('img', { name: 'Run comparison chart' })).toBeVisible();
    const differences = layerlab.page.getByRole('table', { name: 'What differs between the runs' });
    await expect(differences.getByRole('row', { name: /Learning rate/ })).toContainText('0.1');
    await views.open('Replay');
    await expect(layerlab.page.getByRole('slider', { name: 'Epoch to replay' })).toBeVisible();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('fonts CNN: filters and feature maps render, the drawing pad gives probabilities summing to 1', async ({
  layerlab,
}) => {
  test.setTimeout(6 * 60_000);
  const views = new ViewsPage(layerlab.page);
  await train(layerlab, 'Convolutional network', '1');

  await views.open('Weights');
  const filters = layerlab.page.getByRole('list', { name: /^Weights of conv2d/ });
  await expect(filters.getByRole('listitem')).toHaveCount(4);
  await expect.poll(() => views.paintedPixels(filters.getByRole('img').first())).toBeGreaterThan(3);

  await views.open('Feature maps');
  for (const layer of ['conv2d-1', 'maxpool2d-1']) {
    const maps = layerlab.page.getByRole('list', { name: `Feature maps of ${layer}` });
    await expect(maps.getByRole('listitem')).toHaveCount(4);
    await expect.poll(() => views.paintedPixels(maps.getByRole('img').first())).toBeGreaterThan(3);
  }

  // Opened from the list, the view comes into sight beside it, its drawing pad whole inside the window.
  const tryIt = await views.open('Try it');
  const pad = tryIt.getByRole('img', { name: /^Drawing pad/ });
  await expect.poll(() => views.insideWindow(pad)).toBe(true);
  expect(await views.insideWindow(views.list)).toBe(true);
  await views.draw(0.3, 0.2, 0.7, 0.8);
  const probabilities = await views.probabilities();
  expect(probabilities).toHaveLength(5);
  expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);

  // Something that is not a picture gets a readable message.
  await views.tryIt.locator('input[type=file]').setInputFiles({
    name: 'notes.png',
    mimeType: 'image/png',
    buffer: Buffer.from('these are my notes, not a picture'),
  });
  await expect(views.tryIt.getByRole('alert')).toHaveText('notes.png: not a PNG or JPEG image.');
});
