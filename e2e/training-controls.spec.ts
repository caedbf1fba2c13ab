import { unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';

/** Pause, resume and stop on a small network, so the spec is about the controls, not about speed. */
test('pause, resume and stop a run', async ({ layerlab }) => {
  const { training } = layerlab;
  await layerlab.ready();
  await layerlab.newProject('XOR with a hidden layer');
  // Many epochs: the run must still be going when the buttons are pressed.
  await training.setHyperparameter('Epochs', '5000');
  await expect(training.train).toBeEnabled();
  await training.train.click();

  await expect(training.pause).toBeEnabled({ timeout: 60_000 });
  await training.pause.click({ force: true });
  await expect(training.resume).toBeEnabled();
  await expect(training.pause).toBeDisabled();

  await training.resume.click({ force: true });
  await expect(training.pause).toBeEnabled();
  await expect(training.resume).toBeDisabled();

  // The dock re-lays out on every batch event, so the button never counts as "stable": click it where it is.
  await expect(training.stop).toBeEnabled();
  await training.stop.click({ force: true });
  await training.waitForEnd(60_000);
  await expect(training.train).toBeEnabled();
  await expect(training.lossChart).toBeVisible();

  // The stopped run's model is exported, named after the run and the project.
  if (layerlab.host.kind === 'web') {
    const file = await layerlab.exportModel({ format: 'TensorFlow.js' });
    expect(file.name).toBe('XOR-with-a-hidden-layer-run-1.zip');
    const entries = Object.keys(unzipSync(readFileSync(file.path)));
    expect(entries).toEqual(
      expect.arrayContaining(['model.json', 'weights.bin', 'project.layerlab.json', 'history.csv']),
    );
  }
});
