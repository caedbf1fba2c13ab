import { expect, test } from './fixtures';

/** The status line and the small editing comforts: what copy/paste say and where pastes land, search Enter, counts. */

test("a refused connection's error leaves the status line once a later edit succeeds", async ({ layerlab }) => {
  const { page, canvas, palette } = layerlab;
  await layerlab.ready();
  await layerlab.newProject(null);
  await palette.add('Input');
  await palette.add('Dense');
  await palette.add('Dense');
  // Room for the whole chain on a small screen: the training panel folds to its header.
  await page.getByRole('button', { name: 'Hide charts and settings' }).click();
  await layerlab.autoLayout();
  // Wiring the second Dense back into the first would make a cycle: refused, and the status line says why.
  await canvas.connect(canvas.node('Dense', 1), canvas.node('Dense', 0));
  await expect(page.locator('.status-message')).toContainText(/refused/i);
  await expect(page.locator('.status-message')).toHaveClass(/is-error/);
  await palette.add('Softmax');
  await expect(page.locator('.status-message')).not.toHaveClass(/is-error/);
  await expect(page.locator('.status-message')).not.toContainText(/refused/i);
});

test('copy and paste say what they did, and a pasted layer lands beside the original, not on it', async ({
  layerlab,
}) => {
  const { page, canvas, palette } = layerlab;
  await layerlab.ready();
  await layerlab.newProject(null);
  await palette.add('Dense');
  await expect(page.locator('.status-facts')).toContainText(/^1 layer · /);
  await canvas.select(canvas.node('Dense'));
  await page.keyboard.press('Control+c');
  await expect(page.locator('.status-message')).toHaveText('Copied 1 layer.');
  await page.keyboard.press('Control+v');
  await expect(canvas.nodes('Dense')).toHaveCount(2);
  await expect(page.locator('.status-message')).toHaveText('Pasted 1 layer.');
  const [a, b] = await Promise.all([canvas.node('Dense', 0).boundingBox(), canvas.node('Dense', 1).boundingBox()]);
  const overlaps =
    a!.x < b!.x + b!.width && b!.x < a!.x + a!.width && a!.y < b!.y + b!.height && b!.y < a!.y + a!.height;
  expect(overlaps).toBe(false);
  await expect(page.locator('.status-facts')).toContainText(/^2 layers · /);
});

test('Enter in the layer search adds the first match, and a layer added from the palette is in view', async ({
  layerlab,
}) => {
  const { page, canvas } = layerlab;
  await layerlab.ready();
  await layerlab.newProject(null);
  const search = page.getByRole('searchbox', { name: 'Search layers' });
  await search.fill('conv');
  await search.press('Enter');
  await expect(canvas.nodes('Conv2D')).toHaveCount(1);
  // A long chain: each new layer goes below the last one, and the canvas follows it.
  for (let i = 0; i < 9; i++) {
    await search.fill('dense');
    await search.press('Enter');
  }
  await expect(canvas.nodes('Dense')).toHaveCount(9);
  await layerlab.settle();
  const pane = (await canvas.pane.boundingBox())!;
  const last = (await canvas.node('Dense', 8).boundingBox())!;
  expect(last.y).toBeGreaterThanOrEqual(pane.y);
  expect(last.y + last.height).toBeLessThanOrEqual(pane.y + pane.height + 1);
  expect(last.x).toBeGreaterThanOrEqual(pane.x);
  expect(last.x + last.width).toBeLessThanOrEqual(pane.x + pane.width + 1);
});
