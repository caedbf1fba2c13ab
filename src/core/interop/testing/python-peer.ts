import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';

/** Debian's python3 carries torch and onnx (python3-torch, python3-onnx); the pyenv python first on PATH does not. */
export const PEER_PYTHON = process.env.LAYERLAB_PEER_PYTHON ?? '/usr/bin/python3';

export interface PythonPeer {
  available: boolean;
  /** Why the peer is missing, printed when its tests are skipped. */
  reason: string;
}

/**
 * Whether PEER_PYTHON imports every module. On CI a missing module is an error, not a skip: .ci/run installs
 * them, so tests that need a real peer can never pass there without running. Elsewhere the tests skip and say why.
 */
export function pythonPeer(modules: readonly string[]): PythonPeer {
  const probe = spawnSync(PEER_PYTHON, ['-c', `import ${modules.join(', ')}`], { encoding: 'utf8', timeout: 60_000 });
  if (probe.status === 0) return { available: true, reason: '' };
  const reason =
    `${PEER_PYTHON} cannot import ${modules.join(', ')} (${(probe.stderr || probe.error?.message || '').trim().split('\n').pop()}); ` +
    'install python3-torch and python3-onnx (Debian) to run these checks';
  if (process.env.CI) throw new Error(`CI must run the peer checks: ${reason}`);
  console.warn(`skipped: ${reason}`);
  return { available: false, reason };
}

export interface PythonRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs PEER_PYTHON with `args`; resolves when it exits (killed after `timeoutMs`). */
export function runPython(
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<PythonRun> {
  return new Promise((resolve) => {
    const child = spawn(PEER_PYTHON, args, {
      cwd: options.cwd,
      // One thread per process: the tests run several Python processes side by side on two cores.
      env: { ...process.env, OMP_NUM_THREADS: '1', PYTHONDONTWRITEBYTECODE: '1', ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 180_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A TCP port nobody listens on right now, for a DDP rendezvous (MASTER_PORT). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
