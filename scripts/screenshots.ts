/**
 * `npm run screenshots`: pictures of LayerLab for the README and docs/, at classroom sizes (1280×720 laptops and
 * projectors, 1366×768) and a desktop (1920×1080), light and dark. Browser mode in Debian's Chromium (or
 * CHROMIUM_PATH): the course CNN is trained for a few epochs on the fonts, so the dock shows real curves and a real
 * confusion matrix, then each size is shot in both themes. Writes docs/screenshots/layerlab-<size>-<theme>.png and
 * docs/screenshot.png (the README's). Not part of `npm test`: the tests never write into docs/.
 *
 *     npm run screenshots [-- --epochs N]
 */
import { chromium, type Page } from '@playwright/test';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createTrainingHost } from '../src/core/engine/training-host';
import { createServices } from '../src/core/services/create-services';
import { parseFlags } from '../src/cli/parse-flags';
import { buildRenderer } from '../src/web/build-renderer';
import { startWebServer } from '../src/web/server';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'docs/screenshots');
const SCREENSHOT_SIZES = [
  { width: 1280, height: 720 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;
/** The README's picture. */
const README_SHOT = { size: '1366x768', theme: 'light' } as const;

async function settle(page: Page, ms = 700): Promise<void> {
  await page.waitForTimeout(ms);
}

async function main(): Promise<void> {
  const flags = parseFlags('npm run screenshots', process.argv.slice(2), { epochs: 'number' });
  const epochs = flags.epochs ?? 4;
  const rendererDir = join(ROOT, 'out/web');
  await buildRenderer({ projectRoot: ROOT, outDir: rendererDir, log: (m) => console.log(m) });
  const userData = mkdtempSync(join(tmpdir(), 'layerlab-screenshots-'));
  const services = createServices({ userDataDir: userData, trainingHost: createTrainingHost() });
  const server = await startWebServer({ port: 0, rendererDir, services });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const context = await browser.newContext({ viewport: SCREENSHOT_SIZES[0], colorScheme: 'light' });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByRole('button', { name: 'New…', exact: true }).click();
    await page
      .getByRole('dialog', { name: 'New project' })
      .getByRole('button', { name: /^Convolutional network/ })
      .click();
    const training = page.getByRole('region', { name: 'Training' });
    await training.getByRole('textbox', { name: 'Epochs', exact: true }).fill(String(epochs));
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    console.log(`Training the course CNN for ${epochs} epochs…`);
    await page.getByRole('button', { name: 'Stop', exact: true }).waitFor({ state: 'visible' });
    await page.waitForFunction(
      () => document.querySelector('.progress .phase')?.getAttribute('data-phase') === 'done',
      undefined,
      { timeout: 15 * 60_000, polling: 1000 },
    );
    // The inspector shows a layer, as a student would have it open.
    await page.locator('.react-flow__node [data-kind="Conv2D"] .layer-node-head').click();
    mkdirSync(OUT, { recursive: true });
    for (const theme of ['light', 'dark'] as const) {
      if (theme === 'dark') await page.getByRole('button', { name: 'Switch to dark theme' }).click();
      for (const size of SCREENSHOT_SIZES) {
        await page.setViewportSize(size);
        await settle(page);
        const file = join(OUT, `layerlab-${size.width}x${size.height}-${theme}.png`);
        await page.screenshot({ path: file });
        console.log(`wrote ${file}`);
      }
    }
    copyFileSync(join(OUT, `layerlab-${README_SHOT.size}-${README_SHOT.theme}.png`), join(ROOT, 'docs/screenshot.png'));
    console.log('wrote docs/screenshot.png');
  } finally {
    await browser.close();
    await server.close();
    services.dispose();
    rmSync(userData, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`screenshots: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
