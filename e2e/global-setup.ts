import { existsSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FullConfig } from '@playwright/test';
import { createTrainingHost } from '../src/core/engine/training-host';
import { createServices } from '../src/core/services/create-services';
import { buildRenderer } from '../src/web/build-renderer';
import { startWebServer } from '../src/web/server';
import { chromiumPath, electronBinary, PROJECT_ROOT, WEB_URL_ENV } from './support/environment';

/**
 * Builds the UI (skipped when up to date), starts the browser-mode server on a random port with a fresh user data
 * folder, and hands the URL with its token to the tests. Prints, once, why the Electron project is skipped.
 */
export default async function globalSetup(config: FullConfig): Promise<() => Promise<void>> {
  const wantsBrowser = config.projects.some((p) => p.name === 'browser');
  if (wantsBrowser && !existsSync(chromiumPath())) {
    throw new Error(`No Chromium at ${chromiumPath()}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  }
  const electron = electronBinary();
  if ('missing' in electron && config.projects.some((p) => p.name === 'electron')) {
    console.log(`[e2e] Electron specs skipped: ${electron.missing}.`);
  }

  const outDir = join(PROJECT_ROOT, 'out/web');
  const result = await buildRenderer({ projectRoot: PROJECT_ROOT, outDir, log: (m) => console.log(`[e2e] ${m}`) });
  if (result === 'fresh') console.log('[e2e] UI build is up to date.');

  const userDataDir = mkdtempSync(join(tmpdir(), 'layerlab-e2e-user-'));
  const services = createServices({ userDataDir, trainingHost: createTrainingHost() });
  const server = await startWebServer({ port: 0, rendererDir: outDir, services });
  process.env[WEB_URL_ENV] = server.url;
  console.log(`[e2e] browser mode at ${server.url.replace(/token=.*/, 'token=…')}`);

  return async () => {
    services.dispose();
    await server.close();
    rmSync(userDataDir, { recursive: true, force: true });
  };
}
