import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './desktop-build';

/** @electron/fuses finds the fuse wire after this marker in the Electron binary. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's shipped fuse states ('1' on, '0' off), in @electron/fuses' FuseV1Options order. */
const ELECTRON_DEFAULT_FUSES = '10110001';

/**
 * A stand-in for an unpacked Electron distribution: an executable that carries a fuse wire in Electron's layout
 * (sentinel, wire version 1, length, one byte per fuse), so electron-builder can package around it and flip its
 * fuses exactly as it does the real binary's.
 */
export function writeStandInElectron(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const wire = Buffer.from([1, ELECTRON_DEFAULT_FUSES.length, ...Buffer.from(ELECTRON_DEFAULT_FUSES, 'latin1')]);
  const executable = join(dir, 'electron');
  writeFileSync(executable, Buffer.concat([Buffer.from('#!/bin/sh\nexit 0\n'), Buffer.from(FUSE_SENTINEL), wire]));
  chmodSync(executable, 0o755);
  writeFileSync(join(dir, 'LICENSE'), 'stand-in for the Electron distribution\n');
}

/**
 * Runs electron-builder as `npm run dist` would (the project's electron-builder.yml), for Linux as an unpacked
 * folder, around a stand-in Electron. Returns the packaged app's folder.
 */
export function packageUnpackedLinuxApp(outputDir: string): Promise<string> {
  const electronDist = join(outputDir, 'electron-dist');
  writeStandInElectron(electronDist);
  const electronVersion = (
    JSON.parse(readFileSync(join(PROJECT_ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string }
  ).version;
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        join(PROJECT_ROOT, 'node_modules/electron-builder/cli.js'),
        '--linux',
        'dir',
        '--projectDir',
        PROJECT_ROOT,
        `-c.electronDist=${electronDist}`,
        `-c.electronVersion=${electronVersion}`,
        `-c.directories.output=${join(outputDir, 'release')}`,
      ],
      {
        cwd: PROJECT_ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' },
      },
    );
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(join(outputDir, 'release', 'linux-unpacked'))
        : reject(new Error(`electron-builder failed (exit ${code}):\n${output.slice(-4000)}`)),
    );
  });
}
