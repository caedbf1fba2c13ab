import { expect, test } from './fixtures';
import { seriousViolations } from './support/axe';

/**
 * axe-core over the whole page (support/axe.ts), in both themes, with a project loaded, after a run (charts, matrix, runs) and with a
 * dialog open: no serious or critical violations (WCAG 2.1 A/AA rules and axe's best practices).
 */
test('no serious or critical accessibility violations, light and dark, before and after a run', async ({
  layerlab,
}) => {
  test.setTimeout(180_000);
  const { page, training } = layerlab;
  await layerlab.ready();
  await layerlab.newProject('XOR with a hidden layer');
  await layerlab.settle();
  expect(await seriousViolations(page)).toEqual([]);

  await training.setHyperparameter('Epochs', '5');
  await training.train.click();
  await training.waitForEnd(90_000);
  await layerlab.settle();
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await layerlab.settle();
  expect(await seriousViolations(page)).toEqual([]);

  await page.keyboard.press('Control+k');
  await expect(page.getByRole('dialog', { name: 'Command palette' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
