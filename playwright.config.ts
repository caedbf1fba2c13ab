import { defineConfig } from '@playwright/test';
import { chromiumPath, CHROMIUM_ARGS } from './e2e/support/environment';

/**
 * End-to-end tests. `browser`: the UI in browser mode (Debian's Chromium, headless) against a server that
 * e2e/global-setup.ts starts on a random port. `electron`: the same specs against the desktop app through
 * `_electron.launch`, skipped with a printed reason where no Electron binary exists.
 */
export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './e2e/global-setup.ts',
  // Two cores: training in the server's child process competes with the browser; one worker keeps runs honest.
  workers: 1,
  fullyParallel: false,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
    // Fail fast on a missing control instead of burning the whole test timeout.
    actionTimeout: 30_000,
  },
  projects: [
    {
      name: 'browser',
      use: {
        browserName: 'chromium',
        launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
      },
    },
    {
      // The fixture launches Electron itself; the browser settings only keep Playwright's unused default page
      // from looking for a bundled browser before the spec can skip.
      name: 'electron',
      use: {
        browserName: 'chromium',
        launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
      },
    },
  ],
});
