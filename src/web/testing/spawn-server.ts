import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const SERVER_PROCESS = fileURLToPath(new URL('./server-process.ts', import.meta.url));

/** The browser-mode server running in a child process (see server-process.ts). */
export interface ServerProcess {
  child: ChildProcess;
  port: number;
  token: string;
  uploadDir: string;
  stderr(): string;
  alive(): boolean;
  /** Peak resident memory of the server process so far, in bytes (Linux: VmHWM). */
  peakMemoryBytes(): number;
  stop(): void;
}

export function spawnServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SERVER_PROCESS], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    child.once('exit', (code) => reject(new Error(`server process exited (${code}) before listening:\n${stderr}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => {
      const { port, token, uploadDir } = JSON.parse(line) as { port: number; token: string; uploadDir: string };
      resolve({
        child,
        port,
        token,
        uploadDir,
        stderr: () => stderr,
        alive: () => child.exitCode === null && child.signalCode === null,
        peakMemoryBytes() {
          const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
          return Number(/^VmHWM:\s+(\d+) kB/m.exec(status)![1]) * 1024;
        },
        stop: () => void child.kill('SIGTERM'),
      });
    });
  });
}
