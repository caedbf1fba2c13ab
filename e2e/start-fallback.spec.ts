import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from './support/environment';

/**
 * `npm start` where Electron has no runtime: one sentence says so, the browser mode starts and prints its URL, and
 * that URL answers. The Electron binary is made absent with Electron's own override pointing at an empty folder.
 */
// Playwright reads the fixtures a test wants from its first parameter's destructuring; this one wants none.
// eslint-disable-next-line no-empty-pattern
test('npm start without an Electron binary says why and starts the browser mode instead', async ({}, testInfo) => {
  test.skip(testInfo.project.name !== 'browser', 'runs once, without a browser');
  const empty = mkdtempSync(join(tmpdir(), 'layerlab-no-electron-'));
  const userData = mkdtempSync(join(tmpdir(), 'layerlab-start-user-'));
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin/layerlab-start.js')], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      ELECTRON_OVERRIDE_DIST_PATH: empty,
      DISPLAY: ':99',
      LAYERLAB_PORT: '0',
      LAYERLAB_USER_DATA: userData,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    await expect
      .poll(() => /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(output)?.[0], { timeout: 90_000 })
      .toBeTruthy();
    const url = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(output)![0];
    const sentences = output.split('\n').filter((line) => /desktop app can't start/.test(line));
    expect(sentences).toEqual([
      `The desktop app can't start here (ELECTRON_OVERRIDE_DIST_PATH=${empty} holds no Electron executable), so LayerLab starts in browser mode instead, with the same UI.`,
    ]);
    expect(output).not.toMatch(/\n\s+at /); // no stack trace
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<div id="root">/);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(empty, { recursive: true, force: true });
    rmSync(userData, { recursive: true, force: true });
  }
});
