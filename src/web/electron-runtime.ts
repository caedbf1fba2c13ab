import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the Electron executable is, or why there is none: `ELECTRON_OVERRIDE_DIST_PATH` when set (Electron's own
 * override, as packagers and tests use it), else what Electron's npm package downloaded into its `dist` folder on
 * first launch. The start script and the end-to-end tests share this one rule.
 */
export function electronBinary(
  projectRoot: string,
  env: NodeJS.ProcessEnv = process.env,
): { path: string } | { missing: string } {
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const found = EXECUTABLES.map((name) => join(override, name)).find((p) => existsSync(p));
    return found
      ? { path: found }
      : { missing: `ELECTRON_OVERRIDE_DIST_PATH=${override} holds no Electron executable` };
  }
  const electronDir = join(projectRoot, 'node_modules/electron');
  const pathFile = join(electronDir, 'path.txt');
  const named = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const candidates = named ? [named] : EXECUTABLES;
  const found = candidates.map((name) => join(electronDir, 'dist', name)).find((p) => existsSync(p));
  return found
    ? { path: found }
    : {
        missing:
          'no Electron binary (node_modules/electron/dist is absent: Electron downloads it on first launch, which needs network access)',
      };
}

const EXECUTABLES = ['electron', 'electron.exe', 'Electron.app/Contents/MacOS/Electron'];

/** Electron 45 downloads its runtime only under Node.js 22.12 or newer (its package's `engines`). */
export const ELECTRON_DOWNLOAD_NODE = [22, 12] as const;

export function nodeAtLeast(version: string, [major, minor]: readonly [number, number]): boolean {
  const [a, b] = version.replace(/^v/, '').split('.').map(Number);
  return a > major || (a === major && b >= minor);
}

/** Why no window can be shown on this machine (a Linux box without X11 or Wayland), or null. */
export function noDisplay(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string | null {
  if (platform !== 'linux') return null;
  return env.DISPLAY || env.WAYLAND_DISPLAY
    ? null
    : 'no display to open a window on: DISPLAY and WAYLAND_DISPLAY are unset';
}
