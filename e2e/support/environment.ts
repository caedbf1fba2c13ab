import { resolve } from 'node:path';
import { electronBinary as electronBinaryIn } from '../../src/web/electron-runtime';

export const PROJECT_ROOT = resolve(import.meta.dirname, '../..');

/** Flags for a headless Chromium in containers and CI: no sandbox (no user namespaces), no GPU, no network chatter. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's Chromium, or CHROMIUM_PATH; Playwright never downloads a browser here. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** Where an Electron binary would be; the reason when there is none (the start script's rule). */
export function electronBinary(): { path: string } | { missing: string } {
  return electronBinaryIn(PROJECT_ROOT);
}

/** The browser-mode URL (token included) that global-setup publishes to the workers. */
export const WEB_URL_ENV = 'LAYERLAB_E2E_URL';
