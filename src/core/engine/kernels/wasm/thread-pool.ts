import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * Runs one exported wasm function on several threads at once: the calling thread takes part 0, each worker
 * thread part 1…n−1, all over the same shared memory. Every kernel takes `(…args, part, parts)` and computes its
 * own disjoint share, so the pool knows nothing about kernels. Calls are synchronous (tfjs kernels are): the
 * caller does its part, then blocks on an Atomics.wait until the workers are done.
 *
 * The workers run a small script passed as a string (`eval: true`) and get the compiled module and the memory
 * through workerData, so there is no worker file for the CLI, the browser-mode server or the electron-vite
 * bundles to locate.
 */

/** Control words in the shared Int32Array. */
const GENERATION = 0;
const PENDING = 1;
const FUNCTION = 2;
const ARG_COUNT = 3;
const PARTS = 4;
const FAILED = 5;
const CONTROL_WORDS = 8;
const MAX_ARGS = 32;

const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { module, memory, control, args, part, names } = workerData;
const instance = new WebAssembly.Instance(module, { env: { memory } });
const fns = names.map((name) => instance.exports[name]);
const ctl = new Int32Array(control);
const argv = new Float64Array(args);
let seen = 0; // not the current value: a worker that starts late must still take the job that is waiting for it
for (;;) {
  Atomics.wait(ctl, ${GENERATION}, seen);
  seen = Atomics.load(ctl, ${GENERATION});
  const fn = ctl[${FUNCTION}];
  if (fn < 0) break;
  const parts = ctl[${PARTS}];
  if (part < parts) {
    const call = Array.from(argv.subarray(0, ctl[${ARG_COUNT}]));
    call.push(part, parts);
    try { fns[fn](...call); } catch { Atomics.store(ctl, ${FAILED}, 1); }
  }
  if (Atomics.sub(ctl, ${PENDING}, 1) === 1) Atomics.notify(ctl, ${PENDING});
}
`;

/** Threads to use: LAYERLAB_THREADS if set (1 = no workers), else every core, at most 8. */
export function defaultThreadCount(): number {
  const fromEnv = Number(process.env.LAYERLAB_THREADS);
  if (Number.isInteger(fromEnv) && fromEnv >= 1) return Math.min(fromEnv, 64);
  return Math.max(1, Math.min(8, availableParallelism()));
}

export class ThreadPool {
  private readonly control = new Int32Array(new SharedArrayBuffer(CONTROL_WORDS * 4));
  private readonly args = new Float64Array(new SharedArrayBuffer(MAX_ARGS * 8));
  private readonly workers: Worker[] = [];

  /** `threads` counts the calling thread: a pool of 2 has one worker. */
  constructor(
    module: WebAssembly.Module,
    memory: WebAssembly.Memory,
    private readonly names: readonly string[],
    readonly threads: number,
  ) {
    for (let part = 1; part < threads; part++) {
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { module, memory, control: this.control.buffer, args: this.args.buffer, part, names },
      });
      worker.unref(); // an idle pool never keeps a finished process alive
      this.workers.push(worker);
    }
  }

  /**
   * Runs `fn(...args, part, parts)` for part = 0…parts−1, part 0 on this thread (through `local`, the caller's
   * own instance of the same function), and returns when all parts are done.
   */
  run(fnIndex: number, local: (...a: number[]) => void, args: readonly number[], parts: number): void {
    const p = Math.min(parts, this.threads);
    if (p <= 1 || this.workers.length === 0) {
      local(...args, 0, 1);
      return;
    }
    const ctl = this.control;
    this.args.set(args);
    ctl[FUNCTION] = fnIndex;
    ctl[ARG_COUNT] = args.length;
    ctl[PARTS] = p;
    ctl[FAILED] = 0;
    // every worker acknowledges every generation (those beyond `parts` idle through it)
    Atomics.store(ctl, PENDING, this.workers.length);
    Atomics.add(ctl, GENERATION, 1);
    Atomics.notify(ctl, GENERATION);
    let error: unknown = null;
    try {
      local(...args, 0, p);
    } catch (e) {
      error = e;
    }
    for (let pending = Atomics.load(ctl, PENDING); pending !== 0; pending = Atomics.load(ctl, PENDING)) {
      Atomics.wait(ctl, PENDING, pending);
    }
    if (error != null) throw error;
    if (ctl[FAILED] !== 0) throw new Error(`wasm kernel ${this.names[fnIndex]} failed on a worker thread`);
  }

  /** Stops the workers (tests; a finished process does not need it). */
  async close(): Promise<void> {
    this.control[FUNCTION] = -1;
    Atomics.add(this.control, GENERATION, 1);
    Atomics.notify(this.control, GENERATION);
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers.length = 0;
  }
}
