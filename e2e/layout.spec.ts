import { expect, test } from './fixtures';
import type { Locator, Page } from '@playwright/test';

/**
 * The layout at every size the suite runs (1440×900 and the classroom's 1280×720): charts readable and inside the
 * window with the training view open, cards legible, the mini map off the graph, panels that resize, collapse and
 * are remembered, error cards that push their neighbours, fix buttons inside their cards, a left-to-right layout.
 */

type Box = { x: number; y: number; width: number; height: number };

async function box(locator: Locator): Promise<Box> {
  const found = await locator.boundingBox();
  if (!found) throw new Error('not visible');
  return found;
}

function inside(inner: Box, outer: Box, slack = 1): boolean {
  return (
    inner.x >= outer.x - slack &&
    inner.y >= outer.y - slack &&
    inner.x + inner.width <= outer.x + outer.width + slack &&
    inner.y + inner.height <= outer.y + outer.height + slack
  );
}

function overlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** The canvas's zoom, from React Flow's viewport transform. */
function zoom(page: Page): Promise<number> {
  return page
    .locator('.react-flow__viewport')
    .evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);
}

test('after a run, both charts are at least 240×110, inside the window, with values in their legends', async ({
  layerlab,
}) => {
  const { page, training } = layerlab;
  await layerlab.ready();
  await layerlab.newProject('XOR with a hidden layer');
  await training.setHyperparameter('Epochs', '8');
  await training.train.click();
  await training.waitForEnd(90_000);
  const viewport = page.viewportSize()!;
  const window = { x: 0, y: 0, width: viewport.width, height: viewport.height };
  for (const chart of [training.lossChart, training.accuracyChart]) {
    await chart.scrollIntoViewIfNeeded();
    const b = await box(chart);
    expect(b.width).toBeGreaterThanOrEqual(240);
    expect(b.height).toBeGreaterThanOrEqual(110);
    expect(inside(b, window)).toBe(true);
    const legend = chart.locator('xpath=ancestor::figure').locator('.chart-legend');
    await expect(legend).toContainText(/train \d\.\d+/);
    await expect(legend).not.toContainText('--');
  }
  // The class names above the matrix's columns are whole, not cut.
  const headers = training.confusionMatrix.locator('thead th:not(.corner)');
  await expect(headers).toHaveText(['same sign', 'opposite sign']);
  for (const header of await headers.all()) {
    const clipped = await header.evaluate(
      (el) => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1,
    );
    expect(clipped).toBe(false);
  }
});

test('a deep network is shown legibly (scrolling instead of shrinking), and the mini map covers no card', async ({
  layerlab,
}) => {
  const { page, canvas } = layerlab;
  await layerlab.ready();
  await layerlab.newProject('Convolutional network');
  await layerlab.settle();
  // Fit view stops at 75 %: the cards' 11 px text stays above 8 px.
  expect(await zoom(page)).toBeGreaterThanOrEqual(0.75 - 1e-6);
  const kind = await canvas
    .nodes()
    .first()
    .locator('.layer-node-kind')
    .evaluate((el) => el.getBoundingClientRect().height);
  expect(kind).toBeGreaterThanOrEqual(11);
  const minimap = page.getByRole('img', { name: 'Mini map' }).or(page.locator('.react-flow__minimap'));
  if (await minimap.first().isVisible()) {
    const map = await box(minimap.first());
    for (const node of await canvas.nodes().all()) {
      if (await node.isVisible()) expect(overlap(await box(node), map)).toBe(false);
    }
  }
});

test('panels resize and collapse, the canvas refits, and the layout is remembered after a reload', async ({
  layerlab,
}) => {
  const { page } = layerlab;
  await layerlab.ready();
  await layerlab.newProject('Convolutional network');
  await layerlab.settle();
  const palette = page.getByRole('separator', { name: 'Resize layer palette' });
  const before = await box(layerlab.palette.root);
  const handle = await box(palette);
  await page.mouse.move(handle.x + handle.width / 2, handle.y + 200);
  await page.mouse.down();
  await page.mouse.move(handle.x + handle.width / 2 + 80, handle.y + 200, { steps: 5 });
  await page.mouse.up();
  expect((await box(layerlab.palette.root)).width).toBeGreaterThan(before.width + 60);

  // The dock by keyboard: focus its handle, make it taller; then collapse the side panel with its button.
  const dock = page.getByRole('separator', { name: 'Resize training panel' });
  const dockBefore = Number(await dock.getAttribute('aria-valuenow'));
  await dock.focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(dock).toHaveAttribute('aria-valuenow', String(dockBefore + 32));
  const viewportBefore = await page.locator('.react-flow__viewport').getAttribute('style');
  await page.getByRole('button', { name: 'Hide side panel' }).click();
  await expect(page.getByRole('region', { name: 'Inspector' })).toBeHidden();
  // The canvas got wider: the graph is fitted again.
  await expect.poll(() => page.locator('.react-flow__viewport').getAttribute('style')).not.toBe(viewportBefore);

  await page.reload();
  await layerlab.ready();
  await expect(page.getByRole('button', { name: 'Show side panel' })).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('separator', { name: 'Resize training panel' })).toHaveAttribute(
    'aria-valuenow',
    String(dockBefore + 32),
  );
  expect((await box(layerlab.palette.root)).width).toBeGreaterThan(before.width + 60);
  // Collapsing the dock to its header keeps Train in reach.
  await page.getByRole('button', { name: 'Hide charts and settings' }).click();
  await expect(layerlab.training.lossChart).toBeHidden();
  await expect(layerlab.training.train).toBeVisible();
});

test('an error card pushes the card below it down, its fix button stays inside it, and the graph can run left to right', async ({
  layerlab,
}) => {
  const { page, canvas, palette } = layerlab;
  await layerlab.ready();
  await layerlab.newProject(null);
  // Conv2D after Flatten: a card with a long message and a long fix, between two others.
  for (const kind of ['Input', 'Flatten', 'Conv2D', 'Dense']) await palette.add(kind);
  const [erroneous, below] = [canvas.node('Conv2D'), canvas.node('Dense')];
  await expect(erroneous).toHaveAttribute('data-invalid', 'true');
  await layerlab.settle();
  const cards = await Promise.all((await canvas.nodes().all()).map(box));
  for (const [i, a] of cards.entries()) for (const b of cards.slice(i + 1)) expect(overlap(a, b)).toBe(false);
  const fix = erroneous.getByRole('button', { name: /Move Conv2D .* above Flatten/ });
  expect(inside(await box(fix), await box(erroneous))).toBe(true);
  expect((await box(below)).y).toBeGreaterThan((await box(erroneous)).y + (await box(erroneous)).height);

  await page.getByRole('button', { name: 'Switch layout direction' }).click();
  await layerlab.settle();
  const xs = await Promise.all((await canvas.nodes().all()).map(async (n) => (await box(n)).x));
  for (let i = 1; i < xs.length; i++) expect(xs[i]).toBeGreaterThan(xs[i - 1]);

  // The fix the card offers puts the Conv2D where it belongs.
  await fix.click();
  await expect(erroneous).not.toHaveAttribute('data-invalid', 'true');
  await expect(canvas.shapeOf(erroneous)).toHaveText(/36.*36.*4/);
});
