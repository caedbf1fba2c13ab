import { expect, test } from './fixtures';
import type { LayerLabPage } from './pages/layerlab-page';
import { ViewsPage } from './pages/views-page';
import { invokeWeb } from './support/web-api';

/** A point of the XOR plane whose class the two runs below weigh differently. */
const POINT = { x: 0.35, y: -0.6 };

async function trainXor(layerlab: LayerLabPage, settings: Record<string, string>): Promise<void> {
  const { training } = layerlab;
  for (const [label, value] of Object.entries(settings)) await training.setHyperparameter(label, value);
  await expect(training.train).toBeEnabled();
  await training.train.click();
  await expect(training.stop).toBeEnabled({ timeout: 60_000 });
  await training.waitForEnd(4 * 60_000);
}

function runButton(layerlab: LayerLabPage, n: number) {
  return layerlab.page.getByRole('button', { name: new RegExp(`^Run ${n}\\b`) });
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

test('an older run answers Try it and the decision boundary from its own saved weights', async ({ layerlab }) => {
  test.setTimeout(5 * 60_000);
  const views = new ViewsPage(layerlab.page);
  await layerlab.ready();
  await layerlab.newProject('XOR with a hidden layer');
  await trainXor(layerlab, { Epochs: '4', 'Learning rate': '0.05', Seed: '1' });
  // Run 1's answer from its own training process, while it is the live run.
  const live = await views.tryPoint(POINT.x, POINT.y);
  expect(sum(live)).toBeCloseTo(1, 5);

  await trainXor(layerlab, { Epochs: '6', 'Learning rate': '0.3', Seed: '7' });
  await expect(views.boundarySection.getByText(/After epoch 6\./)).toBeVisible();
  const second = await views.tryPoint(POINT.x, POINT.y);
  expect(sum(second)).toBeCloseTo(1, 5);

  // Run 1's process is gone; its views load its saved weights and answer as it did.
  await runButton(layerlab, 1).click();
  await expect(views.boundarySection.getByText(/After epoch 4\./)).toBeVisible();
  const grid = views.boundarySection.locator('canvas.boundary-grid');
  await expect.poll(() => views.paintedPixels(grid)).toBeGreaterThan(100);
  const first = await views.tryPoint(POINT.x, POINT.y);
  expect(sum(first)).toBeCloseTo(1, 5);
  first.forEach((p, i) => expect(p).toBeCloseTo(live[i], 6));
  expect(Math.abs(first[0] - second[0])).toBeGreaterThan(1e-4);

  // And back to Run 2, whose training process still holds it.
  await runButton(layerlab, 2).click();
  const again = await views.tryPoint(POINT.x, POINT.y);
  again.forEach((p, i) => expect(p).toBeCloseTo(second[i], 6));
});

test('after a reload the latest run’s views still work, from the weights saved with it', async ({ layerlab }) => {
  test.skip(!layerlab.page.url().startsWith('http'), 'the autosave slot is read through the browser-mode server');
  test.setTimeout(5 * 60_000);
  const views = new ViewsPage(layerlab.page);
  await layerlab.ready();
  await layerlab.newProject('XOR with a hidden layer');
  await trainXor(layerlab, { Epochs: '5', Seed: '3' });
  const before = await views.tryPoint(POINT.x, POINT.y);
  // The run reaches the autosave slot with its weights a moment after it ends.
  await expect
    .poll(async () => {
      const text = (await invokeWeb(layerlab.page.url(), 'layerlab:projects.readAutosave')) as string | null;
      return text !== null && (JSON.parse(text) as { runs?: { weights?: unknown }[] }).runs?.[0]?.weights !== undefined;
    })
    .toBe(true);

  await layerlab.page.reload();
  await layerlab.ready();
  await layerlab.page.getByRole('button', { name: 'Recover', exact: true }).click();
  await expect(runButton(layerlab, 1)).toBeVisible();
  await expect(views.boundarySection.getByText(/After epoch 5\./)).toBeVisible();
  await expect(views.boundarySection.getByText(/not loaded|read back/)).toHaveCount(0);
  const after = await views.tryPoint(POINT.x, POINT.y);
  after.forEach((p, i) => expect(p).toBeCloseTo(before[i], 6));

  // Views that read the layers work too.
  const activations = await views.open('Activations');
  const table = activations.getByRole('table', { name: 'Activation statistics' });
  await expect(table.getByRole('row')).toHaveCount(1 + 2);
});
