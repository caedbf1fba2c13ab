import { utilityProcess } from 'electron';

/** The child interface the engine's TrainingHost drives (see src/core/engine/training-host.ts). */
export interface ChildLike {
  postMessage(message: unknown): void;
  onMessage(callback: (message: unknown) => void): void;
  onExit(callback: (code: number | null, signal: string | null) => void): void;
  /** Ends the process at once, even a hung or suspended one. */
  kill(): void;
}

/** Spawns the training entry as an Electron utility process: a Node child that dies with the app and can't touch the UI. */
export function utilityProcessSpawner(entryPath: string): () => ChildLike {
  return () => {
    const child = utilityProcess.fork(entryPath, [], { serviceName: 'LayerLab training', stdio: 'inherit' });
    return {
      postMessage: (message) => child.postMessage(message),
      onMessage: (callback) => {
        child.on('message', callback);
      },
      onExit: (callback) => {
        child.on('exit', (code) => callback(code, null));
      },
      // utilityProcess.kill() sends SIGTERM, which a suspended (SIGSTOP) process never acts on: SIGKILL by pid.
      kill: () => {
        const pid = child.pid;
        if (pid === undefined) return;
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          child.kill(); // already gone, or a platform without signals
        }
      },
    };
  };
}
