import { test as base, _electron, type ElectronApplication } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LayerLabPage } from './pages/layerlab-page';
import { electronBinary, PROJECT_ROOT, WEB_URL_ENV } from './support/environment';
import { invokeWeb } from './support/web-api';

/**
 * `layerlab`: the app under test, whichever host the project targets. Browser mode opens the global server's URL
 * (token included) in a fresh context; Electron launches the built app with a throwaway user data folder.
 */
export const test = base.extend<{ layerlab: LayerLabPage }>({
  layerlab: async ({ page }, use, testInfo) => {
    if (testInfo.project.name === 'electron') {
      const binary = electronBinary();
      test.skip('missing' in binary, 'missing' in binary ? `Electron: ${binary.missing}` : '');
      test.skip(process.platform === 'linux' && !process.env.DISPLAY, 'Electron needs a display: run under xvfb-run');
      const mainEntry = join(PROJECT_ROOT, 'out/main/index.js');
      test.skip(!existsSync(mainEntry), 'Electron: the app is not built (run `npx electron-vite build` first)');
      const userData = mkdtempSync(join(tmpdir(), 'layerlab-e2e-electron-'));
      let app: ElectronApplication | null = null;
      try {
        app = await _electron.launch({
          executablePath: (binary as { path: string }).path,
          args: [mainEntry],
          env: { ...process.env, LAYERLAB_USER_DATA: userData },
        });
        const window = await app.firstWindow();
        await use(new LayerLabPage(window, { kind: 'electron', app }));
      } finally {
        await app?.close();
        rmSync(userData, { recursive: true, force: true });
      }
      return;
    }
    const url = process.env[WEB_URL_ENV];
    if (!url) throw new Error(`${WEB_URL_ENV} is not set: e2e/global-setup.ts did not run.`);
    // No recovery offer left over from an earlier test's autosave.
    await invokeWeb(url, 'layerlab:projects.clearAutosave');
    await page.goto(url);
    await use(new LayerLabPage(page, { kind: 'web' }));
  },
});

export { expect } from '@playwright/test';
