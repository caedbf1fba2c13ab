import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * The whole loop by keyboard alone: start a project, build the network from the layer search, fix what the app
 * flags, choose the data, set the epochs, train, and read the result. The test only presses keys; it looks at which
 * element has focus (as a sighted keyboard user looks at the focus ring) to decide how often to press Tab.
 */

/** The focused element's name as a screen reader would roughly say it. */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return '';
    const labelled = el.getAttribute('aria-label');
    const label = (el as HTMLInputElement).labels?.[0]?.textContent;
    return (labelled ?? label ?? el.textContent ?? '').trim();
  });
}

/** Tab (forwards) until the focused element's name matches, as a user tabbing through the page would. */
async function tabTo(page: Page, name: RegExp, limit = 120): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (name.test(await focusedName(page))) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tabbed ${limit} times without reaching ${name}`);
}

test('build, train and read a network with the keyboard alone', async ({ layerlab }) => {
  test.setTimeout(180_000);
  const { page, canvas, training } = layerlab;
  await layerlab.ready();

  // File ▸ New: the template dialog, its "Empty project".
  await page.keyboard.press('Control+n');
  await expect(page.getByRole('dialog', { name: 'New project' })).toBeVisible();
  await tabTo(page, /^Empty project/);
  await page.keyboard.press('Enter');
  await expect(canvas.nodes()).toHaveCount(0);

  // Find a layer (/): type its name, Enter adds it after the last one.
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Search layers' })).toBeFocused();
  for (const name of ['input', 'dense', 'dense']) {
    await page.keyboard.press('Control+a');
    await page.keyboard.type(name);
    await page.keyboard.press('Enter');
  }
  await expect(canvas.nodes()).toHaveCount(3);
  await expect(canvas.edges()).toHaveCount(2);

  // The last layer added is selected: its Activation, in the inspector, becomes softmax (arrow keys in the list).
  await tabTo(page, /^Activation/);
  const activation = layerlab.inspector.field('Activation');
  for (let i = 0; i < 12 && (await activation.inputValue()) !== 'softmax'; i++) await page.keyboard.press('ArrowDown');
  await expect(activation).toHaveValue('softmax');

  // The data: XOR (2 features, 2 classes), chosen in the Dataset list with the arrow keys.
  await tabTo(page, /^Dataset$/);
  for (let i = 0; i < 10 && (await training.datasetSelect.inputValue()) !== 'xor'; i++)
    await page.keyboard.press('ArrowDown');
  await expect(training.datasetSelect).toHaveValue('xor');

  // The app says what stops training, with one-click fixes: press them.
  for (let i = 0; i < 4 && (await training.train.isDisabled()); i++) {
    await tabTo(page, /^(Set the Input shape|Set .*units|Use .* as the output)/i, 200);
    await page.keyboard.press('Enter');
  }
  await expect(training.train).toBeEnabled();

  await tabTo(page, /^Epochs$/);
  await page.keyboard.press('Control+a');
  await page.keyboard.type('15');
  // F5 trains from anywhere.
  await page.keyboard.press('F5');
  await training.waitForEnd(120_000);

  // Read the result: the run, its accuracy, its confusion matrix.
  await tabTo(page, /^Run 1 · Untitled/);
  await expect(page.locator('.progress .phase')).toHaveAttribute('data-phase', 'done');
  const counts = await training.confusionCounts();
  expect(counts).toHaveLength(2);
  expect(counts.flat().reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  await expect(training.accuracyChart).toHaveAttribute('title', /validation accuracy \d\.\d{3}/);
});
