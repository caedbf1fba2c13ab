import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getTemplate } from '../src/shared/templates';
import { expect, test } from './fixtures';

/**
 * Browser mode keeps a project's data by the file's own name: a project whose upload is gone (the server was
 * restarted) names the file, never the server's path, refuses to train, and takes the file again by upload.
 */
test('a project whose uploaded data is gone asks for the file again by its name, and trains once it is back', async ({
  layerlab,
}, testInfo) => {
  test.skip(layerlab.host.kind !== 'web', 'uploads are browser mode');
  test.skip(testInfo.project.name !== 'browser', 'once is enough');
  const { page, training } = layerlab;
  const dir = mkdtempSync(join(tmpdir(), 'layerlab-e2e-data-'));
  try {
    const xor = getTemplate('xor-mlp')!;
    const gone = '/tmp/layerlab-uploads-gone/4/quadrants.csv';
    const project = {
      format: 'layerlab',
      version: 2,
      graph: xor.graph,
      training: xor.training,
      dataset: { kind: 'file', path: gone, name: 'quadrants.csv' },
      task: 'classification',
    };
    writeFileSync(join(dir, 'quadrants.layerlab.json'), JSON.stringify(project));
    const rows = ['x,y,label'];
    for (let i = 0; i < 40; i++) {
      const x = ((i * 37) % 21) / 10 - 1;
      const y = ((i * 53) % 19) / 9 - 1;
      rows.push(`${x},${y},${x * y >= 0 ? 'same' : 'opposite'}`);
    }
    writeFileSync(join(dir, 'quadrants.csv'), rows.join('\n'));

    await layerlab.ready();
    await layerlab.open(join(dir, 'quadrants.layerlab.json'));
    const again = page.getByRole('button', { name: 'Import quadrants.csv again…' });
    await expect(again).toBeVisible();
    await expect(training.train).toBeDisabled();
    await expect(page.locator('.blocked-reason')).toContainText('“quadrants.csv” is not loaded in this session');
    await expect(page.locator('body')).not.toContainText('/tmp/');

    const chooser = page.waitForEvent('filechooser');
    await again.click();
    await (await chooser).setFiles(join(dir, 'quadrants.csv'));
    await expect(again).toBeHidden();
    await expect(training.train).toBeEnabled();
    await expect(training.datasetSelect).toContainText('File: quadrants.csv');
    await expect(page.locator('body')).not.toContainText('layerlab-uploads');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
