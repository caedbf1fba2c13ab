import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

let override: string | null = null;

/** The packaged Electron app keeps resources outside the asar (process.resourcesPath): it sets them here at start. */
export function setResourcesDir(dir: string | null): void {
  override = dir === null ? null : resolve(dir);
}

/** Walks up from `start` to the folder holding package.json: the repo root in dev, CLI and tests. */
function findPackageRoot(start: string): string | null {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

function moduleDir(): string | null {
  try {
    return dirname(fileURLToPath(import.meta.url));
  } catch {
    // A CommonJS bundle may have no usable import.meta.url.
    return typeof __dirname === 'string' ? __dirname : null;
  }
}

/** Absolute path of the `resources/` folder: the override, else LAYERLAB_RESOURCES, else <package root>/resources. */
export function resourcesDir(): string {
  if (override) return override;
  const fromEnv = process.env.LAYERLAB_RESOURCES;
  if (fromEnv) return resolve(fromEnv);
  const start = moduleDir();
  const root = (start && findPackageRoot(start)) ?? findPackageRoot(process.cwd());
  if (!root)
    throw new Error('Cannot find the resources folder: no package.json above this module or the working directory.');
  return join(root, 'resources');
}

export function resourcePath(...parts: string[]): string {
  return join(resourcesDir(), ...parts);
}
