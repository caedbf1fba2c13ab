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

/** Runs PEER_PYTHON with `args`; resolves when it exits (killed after `timeoutMs`, or when `signal` aborts). */
export function runPython(
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number; signal?: AbortSignal } = {},
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
    const stop = () => child.kill('SIGKILL');
    const timer = setTimeout(stop, options.timeoutMs ?? 150_000);
    options.signal?.addEventListener('abort', stop, { once: true });
    child.on('close', (code) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', stop);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * Starts `count` processes of one DistributedDataParallel job on this machine with the env:// variables (RANK,
 * WORLD_SIZE, MASTER_ADDR, MASTER_PORT) and waits for all of them. When one rank fails the others are stopped: they
 * would wait for it until the rendezvous times out.
 */
export async function runRanks(
  count: number,
  args: string[],
  options: { cwd?: string; timeoutMs?: number } = {},
): Promise<PythonRun[]> {
  const port = await rendezvousPort();
  const abort = new AbortController();
  return Promise.all(
    Array.from({ length: count }, (_, rank) =>
      runPython(args, {
        ...options,
        signal: abort.signal,
        env: { RANK: String(rank), WORLD_SIZE: String(count), MASTER_ADDR: '127.0.0.1', MASTER_PORT: String(port) },
      }).then((run) => {
        if (run.code !== 0) abort.abort();
        return run;
      }),
    ),
  );
}

/**
 * Rendezvous ports come from below Linux's ephemeral range (32768–60999): a port picked by listen(0) is an ephemeral
 * one that any outgoing connection on the machine may take before rank 0 binds it, leaving rank 1 waiting forever.
 */
const PORTS = { first: 21000, count: 11000 };
let nextPort = PORTS.first + (process.pid % PORTS.count);

async function rendezvousPort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = nextPort;
    nextPort = PORTS.first + ((nextPort - PORTS.first + 7) % PORTS.count);
    if (await isFree(port)) return port;
  }
  throw new Error('no free port for the DDP rendezvous');
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}
