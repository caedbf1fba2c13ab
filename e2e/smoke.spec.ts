import { expect, test } from './fixtures';

test('the app starts with the palette, the canvas and the training panel', async ({ layerlab }) => {
  await layerlab.ready();
  for (const kind of [
    'Input',
    'Dense',
    'Conv2D',
    'MaxPool2D',
    'AvgPool2D',
    'Dropout',
    'Maxout',
    'Softmax',
    'Activation',
    'Flatten',
    'Reshape',
    'BatchNorm',
    'Add',
    'Concatenate',
    'GaussianNoise',
  ]) {
    await expect(layerlab.palette.button(kind)).toBeVisible();
  }
  await expect(layerlab.training.train).toBeVisible();
  await layerlab.page.screenshot({ path: 'test-results/smoke.png' });
});
