import { spawn, spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { ELECTRON_DOWNLOAD_NODE, electronBinary, noDisplay, nodeAtLeast } from './electron-runtime';

/**
 * `npm start`: the desktop app where it can run, else the browser mode with the same UI, so the README's run command
 * works on every machine. When Electron has no runtime (it downloads one on first launch, which needs network access
 * and Node.js ≥ 22.12) or there is no display, one sentence says why and the browser mode starts and prints its URL.
 */

const projectRoot = resolve(import.meta.dirname, '../..');
/** Longest we wait for Electron's first-launch download. */
const DOWNLOAD_TIMEOUT_MS = 180_000;
/** A desktop app that fails within this long after launch never really started: the browser mode takes over. */
const EARLY_FAILURE_MS = 60_000;

/** Why the desktop app can't start here, after trying Electron's download when that may work; null when it can. */
function whyNoDesktop(): string | null {
  const binary = electronBinary(projectRoot);
  if (!('missing' in binary)) return noDisplay(process.platform, process.env);
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return binary.missing;
  if (!nodeAtLeast(process.version, ELECTRON_DOWNLOAD_NODE)) {
    return `Electron downloads its runtime only under Node.js ${ELECTRON_DOWNLOAD_NODE.join('.')} or newer, and this is ${process.version}`;
  }
  console.log('Downloading the Electron runtime (first launch)…');
  const download = spawnSync(process.execPath, [join(projectRoot, 'node_modules/electron/install.js')], {
    stdio: 'pipe',
    timeout: DOWNLOAD_TIMEOUT_MS,
  });
  if (download.status !== 0 || 'missing' in electronBinary(projectRoot))
    return 'Electron could not download its runtime: no network access?';
  return noDisplay(process.platform, process.env);
}

function startBrowserMode(reason: string): void {
  console.log(
    `The desktop app can't start here (${reason}), so LayerLab starts in browser mode instead, with the same UI.`,
  );
  void import('./main');
}

function startDesktop(): void {
  const started = Date.now();
  const child = spawn(
    process.execPath,
    [join(projectRoot, 'node_modules/electron-vite/bin/electron-vite.js'), 'preview'],
    {
      stdio: 'inherit',
      cwd: projectRoot,
    },
  );
  const forward = (signal: NodeJS.Signals) => process.on(signal, () => child.kill(signal));
  forward('SIGINT');
  forward('SIGTERM');
  child.on('exit', (code, signal) => {
    if (code !== 0 && signal === null && Date.now() - started < EARLY_FAILURE_MS) {
      startBrowserMode(`the desktop app exited with code ${code} as it started`);
      return;
    }
    process.exit(code ?? 1);
  });
}

const reason = whyNoDesktop();
if (reason) startBrowserMode(reason);
else startDesktop();
