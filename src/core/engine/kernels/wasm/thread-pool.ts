import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * Runs one exported wasm function on several threads at once, all over the same shared memory. Every kernel takes
 * `(…args, part, parts)` and computes its own disjoint share, so the pool knows nothing about kernels; the calling
 * thread and the workers claim parts until none is left. Calls are synchronous (tfjs kernels are): the caller
 * claims parts too, then blocks on an Atomics.wait only for parts a worker is still running — never for a worker
 * that has not woken up.
 *
 * The workers run a small script passed as a string (`eval: true`) and get the compiled module and the memory
 * through workerData, so there is no worker file for the CLI, the browser-mode server or the electron-vite
 * bundles to locate.
 */

/** Control words in the shared Int32Array. */
const GENERATION = 0;
/** Packed job word: generation tag (12 bits) | parts (10 bits) | parts claimed so far (10 bits). */
const CLAIMS = 1;
const DONE = 2;
const FUNCTION = 3;
const ARG_COUNT = 4;
const FAILED = 5;
const CONTROL_WORDS = 8;
const MAX_ARGS = 32;
const MAX_PARTS = 1023;

const pack = (tag: number, parts: number, claimed: number): number => ((tag & 0xfff) << 20) | (parts << 10) | claimed;

/**
 * Claims and runs parts of the current job until none is left. Shared by the calling thread and (as source text)
 * the workers: whoever is running takes the next part, so a worker that is slow to wake, descheduled on a busy
 * machine or never started costs nothing but its share, which the others take. A claim only succeeds while the
 * job word still carries this job's tag, so a worker that wakes late never runs a part of the next job with this
 * job's arguments. A part that throws sets FAILED and still counts as done. Workers get this function as source
 * text, so it names the control words by number (CLAIMS = 1, DONE = 2, FAILED = 5).
 */
function claimAndRun(ctl: Int32Array, tag: number, run: (part: number, parts: number) => void): void {
  for (;;) {
    const word = Atomics.load(ctl, 1);
    const parts = (word >>> 10) & 0x3ff;
    const claimed = word & 0x3ff;
    if (word >>> 20 !== (tag & 0xfff) || claimed >= parts) return;
    if (Atomics.compareExchange(ctl, 1, word, word + 1) !== word) continue;
    try {
      run(claimed, parts);
    } catch {
      Atomics.store(ctl, 5, 1);
    } finally {
      if (Atomics.add(ctl, 2, 1) + 1 === parts) Atomics.notify(ctl, 2);
    }
  }
}

const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { module, memory, control, args, names } = workerData;
const instance = new WebAssembly.Instance(module, { env: { memory } });
const fns = names.map((name) => instance.exports[name]);
const ctl = new Int32Array(control);
const argv = new Float64Array(args);
const claimAndRun = ${claimAndRun.toString()};
let seen = 0; // not the current value: a worker that starts late still joins the job that is waiting
for (;;) {
  Atomics.wait(ctl, ${GENERATION}, seen);
  seen = Atomics.load(ctl, ${GENERATION});
  if (ctl[${FUNCTION}] < 0) break;
  const fn = fns[ctl[${FUNCTION}]];
  const call = Array.from(argv.subarray(0, ctl[${ARG_COUNT}]));
  claimAndRun(ctl, seen, (part, parts) => fn(...call, part, parts));
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
    for (let worker = 1; worker < threads; worker++) {
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { module, memory, control: this.control.buffer, args: this.args.buffer, names },
      });
      worker.unref(); // an idle pool never keeps a finished process alive
      this.workers.push(worker);
    }
  }

  /**
   * Runs `fn(...args, part, parts)` for part = 0…parts−1 over this thread (through `local`, the caller's own
   * instance of the same function) and the workers, and returns when all parts are done.
   */
  run(fnIndex: number, local: (...a: number[]) => void, args: readonly number[], parts: number): void {
    const p = Math.min(parts, MAX_PARTS);
    if (p <= 1 || this.workers.length === 0) {
      for (let part = 0; part < p; part++) local(...args, part, p);
      return;
    }
    const ctl = this.control;
    this.args.set(args);
    ctl[FUNCTION] = fnIndex;
    ctl[ARG_COUNT] = args.length;
    ctl[FAILED] = 0;
    Atomics.store(ctl, DONE, 0);
    const tag = (Atomics.load(ctl, GENERATION) + 1) & 0xfff;
    Atomics.store(ctl, CLAIMS, pack(tag, p, 0));
    Atomics.add(ctl, GENERATION, 1);
    Atomics.notify(ctl, GENERATION);
    let error: unknown = null;
    claimAndRun(ctl, tag, (part, n) => {
      try {
        local(...args, part, n);
      } catch (e) {
        error = e;
        throw e;
      }
    });
    for (let done = Atomics.load(ctl, DONE); done < p; done = Atomics.load(ctl, DONE)) Atomics.wait(ctl, DONE, done);
    if (error != null) throw error;
    if (ctl[FAILED] !== 0) throw new Error(`wasm kernel ${this.names[fnIndex]} failed on a worker thread`);
  }

  /** Stops the workers (tests; a finished process does not need it). */
  async close(): Promise<void> {
    Atomics.store(this.control, CLAIMS, 0);
    this.control[FUNCTION] = -1;
    Atomics.add(this.control, GENERATION, 1);
    Atomics.notify(this.control, GENERATION);
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers.length = 0;
  }
}
