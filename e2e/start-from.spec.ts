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
