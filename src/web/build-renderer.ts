import { existsSync, promises as fs } from 'node:fs';
import { join } from 'node:path';

const STAMP = '.layerlab-build-stamp';

/** Newest modification time (ms) of any file under `dirs`. */
async function newestMtime(dirs: string[]): Promise<number> {
  let newest = 0;
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) newest = Math.max(newest, (await fs.stat(path)).mtimeMs);
    }
  };
  for (const dir of dirs) if (existsSync(dir)) await walk(dir);
  return newest;
}

/** True when `outDir` holds a build newer than every renderer and shared source file (and the build settings). */
export async function rendererBuildIsFresh(projectRoot: string, outDir: string): Promise<boolean> {
  const stamp = join(outDir, STAMP);
  if (!existsSync(stamp) || !existsSync(join(outDir, 'index.html'))) return false;
  const built = (await fs.stat(stamp)).mtimeMs;
  const sources = await newestMtime([join(projectRoot, 'src/renderer'), join(projectRoot, 'src/shared')]);
  const lock = existsSync(join(projectRoot, 'package-lock.json'))
    ? (await fs.stat(join(projectRoot, 'package-lock.json'))).mtimeMs
    : 0;
  return built >= Math.max(sources, lock);
}

/**
 * Build the renderer for browser mode with Vite (the same root and React plugin as electron.vite.config.ts),
 * skipping the build when the output is already newer than every source.
 */
export async function buildRenderer(options: {
  projectRoot: string;
  outDir: string;
  force?: boolean;
  log?: (message: string) => void;
}): Promise<'built' | 'fresh'> {
  const log = options.log ?? (() => {});
  const root = join(options.projectRoot, 'src/renderer');
  if (!existsSync(join(root, 'index.html')))
    throw new Error(`Cannot build the UI: ${join(root, 'index.html')} is missing.`);
  if (!options.force && (await rendererBuildIsFresh(options.projectRoot, options.outDir))) return 'fresh';
  log('Building the LayerLab UI (first run or sources changed)…');
  const [{ build }, { default: react }] = await Promise.all([import('vite'), import('@vitejs/plugin-react')]);
  await build({
    configFile: false,
    root,
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir: options.outDir, emptyOutDir: true, reportCompressedSize: false, chunkSizeWarningLimit: 4096 },
  });
  await fs.writeFile(join(options.outDir, STAMP), new Date().toISOString());
  return 'built';
}
