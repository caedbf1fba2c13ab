import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root and the real CLI entry the e2e tests spawn. */
export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const LAYERLAB_BIN = path.join(ROOT, 'bin', 'layerlab.js');

/** A stack trace line, which bad input must never print. */
export const STACK_TRACE = /^\s+at .+:\d+:\d+\)?$/m;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/layerlab.js ...args` in `cwd` as a real child process and collects its output. */
export function spawnLayerlab(cwd: string, ...args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [LAYERLAB_BIN, ...args], { cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
