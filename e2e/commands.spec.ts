import { expect, test } from './fixtures';

test('keyboard shortcuts, the command palette and the toolbar give the same commands', async ({ layerlab }) => {
  const { page, canvas, palette } = layerlab;
  await layerlab.ready();
  await layerlab.newProject(null);
  await palette.add('Input');
  await palette.add('Dense');
  await expect(canvas.nodes()).toHaveCount(2);

  await page.keyboard.press('Control+z');
  await expect(canvas.nodes()).toHaveCount(1);
  await page.keyboard.press('Control+y');
  await expect(canvas.nodes()).toHaveCount(2);

  await page.keyboard.press('Control+k');
  const commands = page.getByRole('dialog', { name: 'Command palette' });
  await expect(commands).toBeVisible();
  await commands.getByRole('combobox', { name: 'Search commands' }).fill('select all');
  await expect(commands.getByRole('option')).toHaveText([/^Select all\s*Ctrl\+A$/]);
  await page.keyboard.press('Enter');
  await expect(commands).toBeHidden();

  await page.keyboard.press('Control+d');
  await expect(canvas.nodes()).toHaveCount(4);
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(canvas.nodes()).toHaveCount(2);
});
