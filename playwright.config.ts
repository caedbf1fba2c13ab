import { defineConfig } from '@playwright/test';
import { chromiumPath, CHROMIUM_ARGS } from './e2e/support/environment';

/** The specs that run at 1280×720 too. */
const CLASSROOM_SPECS = [
  '**/smoke.spec.ts',
  '**/layout.spec.ts',
  '**/editing.spec.ts',
  '**/keyboard.spec.ts',
  '**/accessibility.spec.ts',
  '**/shape-error.spec.ts',
  '**/commands.spec.ts',
  '**/training-controls.spec.ts',
  '**/views.spec.ts',
];

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
      // Classroom laptops and projectors: the specs about layout, editing, keyboard use and accessibility again at
      // 1280×720 (the long training and file specs run once, above).
      name: 'browser-1280x720',
      testMatch: CLASSROOM_SPECS,
      use: {
        browserName: 'chromium',
        viewport: { width: 1280, height: 720 },
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
