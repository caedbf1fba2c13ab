import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

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

/** Where an Electron binary would be; null (with the reason) when there is none. */
export function electronBinary(): { path: string } | { missing: string } {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const candidates = [
      join(override, 'electron'),
      join(override, 'electron.exe'),
      join(override, 'Electron.app/Contents/MacOS/Electron'),
    ];
    const found = candidates.find((c) => existsSync(c));
    return found
      ? { path: found }
      : { missing: `ELECTRON_OVERRIDE_DIST_PATH=${override} holds no Electron executable` };
  }
  const dist = join(PROJECT_ROOT, 'node_modules/electron/dist');
  if (!existsSync(dist)) {
    return {
      missing:
        'no Electron binary (node_modules/electron/dist is absent: Electron downloads it on first launch, which needs network access)',
    };
  }
  const exe = ['electron', 'electron.exe', 'Electron.app/Contents/MacOS/Electron']
    .map((p) => join(dist, p))
    .find((p) => existsSync(p));
  return exe ? { path: exe } : { missing: `node_modules/electron/dist holds no Electron executable` };
}

/** The browser-mode URL (token included) that global-setup publishes to the workers. */
export const WEB_URL_ENV = 'LAYERLAB_E2E_URL';
