import { expect, test } from './fixtures';

/** The course's CNN on the fonts data set for two epochs: curves, a 5×5 confusion matrix over the validation set. */
test('train the course CNN on fonts for 2 epochs', async ({ layerlab }, testInfo) => {
  test.setTimeout(8 * 60_000);
  const { training } = layerlab;
  await layerlab.ready();
  await layerlab.newProject('Convolutional network');
  // The course template trains on fonts already.
  await expect(training.datasetSelect).toContainText('Fonts');
  await training.setHyperparameter('Epochs', '2');
  await expect(training.train).toBeEnabled();
  const started = Date.now();
  await training.train.click();
  await expect(training.stop).toBeEnabled({ timeout: 60_000 });
  await training.waitForEnd(7 * 60_000);
  testInfo.annotations.push({
    type: 'seconds',
    description: `2 epochs of the CNN on fonts: ${((Date.now() - started) / 1000).toFixed(1)} s`,
  });

  await expect(training.lossChart).toBeVisible();
  await expect(training.accuracyChart).toBeVisible();
  await expect(training.confusionMatrix).toBeVisible();
  const counts = await training.confusionCounts();
  expect(counts).toHaveLength(5);
  for (const row of counts) expect(row).toHaveLength(5);
  const total = counts.flat().reduce((a, b) => a + b, 0);
  if (layerlab.lastStarted) {
    expect(total).toBe(layerlab.lastStarted.valSize);
  } else {
    // Electron: no socket to read the run's sizes from; the default split holds out a tenth of 2,790 samples.
    expect(Math.abs(total - 279)).toBeLessThanOrEqual(5);
  }
});
