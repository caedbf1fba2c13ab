import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTrainingHost,
  forkTrainingProcess,
  REPLY_TIMEOUT_CODE,
  STOP_TIMEOUT_CODE,
  type ChildLike,
  type HostedTrainingEvent,
  type ModelKeeper,
  type TrainingHost,
} from '../../src/core/engine/training-host';
import type { StartTrainingRequest } from '../../src/shared/ipc/training-protocol';
import { getTemplate } from '../../src/shared/templates';
import { CategoryResult, within } from './category';

/** Short deadlines, so a hung process is found in seconds (the app waits 15 s for Stop, 30 s for a reply). */
const STOP_TIMEOUT_MS = 2000;
const REPLY_TIMEOUT_MS = 2000;
/** Longest a scenario's outcome may take to arrive. */
const OUTCOME_MS = 60_000;

const XOR = getTemplate('xor-mlp')!;

function request(epochs: number): StartTrainingRequest {
  return {
    graph: XOR.graph,
    training: { ...XOR.training, epochs, backend: 'cpu' },
    dataset: { kind: 'builtin', id: 'xor', params: { size: 200 } },
    task: XOR.task,
  };
}

/** What a scenario does to the host and its process; returns what went wrong, or null. */
type Scenario = (context: {
  host: TrainingHost;
  child: () => ChildLike;
  dir: string;
  setKeeper(keeper: ModelKeeper | null): void;
}) => Promise<string | null>;

const terminal = (event: HostedTrainingEvent) =>
  event.type === 'done' || event.type === 'cancelled' || event.type === 'error';

function next(host: TrainingHost, accept: (event: HostedTrainingEvent) => boolean): Promise<HostedTrainingEvent> {
  return new Promise((resolve) => {
    const off = host.onEvent((event) => {
      if (!accept(event)) return;
      off();
      resolve(event);
    });
  });
}

async function outcome<T>(work: Promise<T>): Promise<T> {
  const result = await within(OUTCOME_MS, work);
  if (result === 'timeout') throw new Error(`no outcome within ${OUTCOME_MS / 1000} s`);
  return result;
}

async function trainToDone(host: TrainingHost, epochs = 1): Promise<string | null> {
  const ended = next(host, terminal);
  host.start(request(epochs));
  const event = await outcome(ended);
  return event.type === 'done'
    ? null
    : `a run after it ended ${event.type}${'code' in event ? ` (${event.code})` : ''}`;
}

async function failureCode(work: Promise<unknown>): Promise<string> {
  const settled = await outcome(
    work.then(
      () => 'resolved',
      (error: { code?: string }) => error?.code ?? 'error',
    ),
  );
  return String(settled);
}

const SCENARIOS: { name: string; run: Scenario }[] = [
  {
    name: 'SIGSTOP mid-run, then Stop',
    async run({ host, child }) {
      const batch = next(host, (e) => e.type === 'batch');
      host.start(request(100_000));
      await outcome(batch);
      process.kill(child().pid!, 'SIGSTOP');
      const ended = next(host, terminal);
      host.stop();
      const event = await outcome(ended);
      return event.type === 'error' && event.code === STOP_TIMEOUT_CODE ? null : `Stop ended with ${event.type}`;
    },
  },
  {
    name: 'SIGSTOP after the run, then export',
    async run({ host, child, dir }) {
      const problem = await trainToDone(host);
      if (problem) return problem;
      process.kill(child().pid!, 'SIGSTOP');
      const code = await failureCode(host.exportModel(dir));
      return code === REPLY_TIMEOUT_CODE ? null : `the export ended with ${code}`;
    },
  },
  {
    name: 'SIGSTOP mid-run, then a view query',
    async run({ host, child }) {
      const batch = next(host, (e) => e.type === 'batch');
      const runId = host.start(request(100_000));
      await outcome(batch);
      process.kill(child().pid!, 'SIGSTOP');
      const ended = next(host, terminal);
      const code = await failureCode(host.inspect(runId, { kind: 'model' }));
      const event = await outcome(ended);
      if (code !== REPLY_TIMEOUT_CODE) return `the query ended with ${code}`;
      return event.type === 'error' && event.code === REPLY_TIMEOUT_CODE ? null : `the run ended with ${event.type}`;
    },
  },
  {
    name: 'SIGSTOP while the finished run’s model is kept',
    async run({ host, child, dir, setKeeper }) {
      setKeeper((_runId, exportTo) => {
        process.kill(child().pid!, 'SIGSTOP');
        return exportTo(join(dir, 'kept'));
      });
      const ended = next(host, terminal);
      host.start(request(1));
      const event = await outcome(ended);
      setKeeper(null);
      return event.type === 'error' && event.code === REPLY_TIMEOUT_CODE ? null : `the run ended with ${event.type}`;
    },
  },
  {
    name: 'SIGSTOP and SIGCONT within the deadline, then Stop',
    async run({ host, child }) {
      const batch = next(host, (e) => e.type === 'batch');
      host.start(request(100_000));
      await outcome(batch);
      const pid = child().pid!;
      process.kill(pid, 'SIGSTOP');
      const ended = next(host, terminal);
      host.stop();
      await new Promise((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS / 4));
      process.kill(pid, 'SIGCONT');
      const event = await outcome(ended);
      return event.type === 'cancelled' ? null : `a process that came back was ended (${event.type})`;
    },
  },
  {
    name: 'paused longer than the reply deadline, then a view query',
    async run({ host }) {
      const batch = next(host, (e) => e.type === 'batch');
      const runId = host.start(request(100_000));
      await outcome(batch);
      const paused = next(host, (e) => e.type === 'paused');
      host.pause();
      await outcome(paused);
      await new Promise((resolve) => setTimeout(resolve, REPLY_TIMEOUT_MS * 1.5));
      const code = await failureCode(host.inspect(runId, { kind: 'model' }));
      const ended = next(host, terminal);
      host.stop();
      await outcome(ended);
      return code === 'resolved' ? null : `a paused run's query failed with ${code}`;
    },
  },
  {
    name: 'SIGKILL mid-run',
    async run({ host, child }) {
      const batch = next(host, (e) => e.type === 'batch');
      host.start(request(100_000));
      await outcome(batch);
      const ended = next(host, terminal);
      process.kill(child().pid!, 'SIGKILL');
      const event = await outcome(ended);
      return event.type === 'error' && event.code === 'crashed' ? null : `a killed run ended with ${event.type}`;
    },
  },
  {
    name: 'SIGKILL after the run, then export',
    async run({ host, child, dir }) {
      const problem = await trainToDone(host);
      if (problem) return problem;
      const pid = child().pid!;
      const gone = new Promise((resolve) => child().onExit(() => resolve(null)));
      process.kill(pid, 'SIGKILL');
      await outcome(gone);
      const code = await failureCode(host.exportModel(dir));
      return code === 'resolved' ? 'the export of a killed process succeeded' : null;
    },
  },
];

/**
 * A training process that hangs (SIGSTOP) or dies (SIGKILL) at the moments the host talks to it: Stop, an export,
 * a view query, keeping the finished model. Each must end in bounded time with the right error code, a process that
 * recovers in time must not be killed, and the host must train (and export) again afterwards. A scenario that does
 * not end is a crash of the host's state; a wrong outcome or a host that cannot train again is a failure.
 */
export async function hangAndKillTraining(): Promise<CategoryResult> {
  const result = new CategoryResult('hung or killed training process, Stop and export');
  const dir = mkdtempSync(join(tmpdir(), 'layerlab-hostile-training-'));
  let current: ChildLike | null = null;
  let keeper: ModelKeeper | null = null;
  const host = createTrainingHost({
    spawn: () => (current = forkTrainingProcess()),
    stopTimeoutMs: STOP_TIMEOUT_MS,
    replyTimeoutMs: REPLY_TIMEOUT_MS,
  });
  host.keepModels((runId, exportTo) => (keeper ? keeper(runId, exportTo) : Promise.resolve()));
  try {
    for (const scenario of SCENARIOS) {
      result.tried();
      try {
        const problem = await scenario.run({
          host,
          child: () => current!,
          dir,
          setKeeper: (next) => (keeper = next),
        });
        if (problem) result.fail(`${scenario.name}: ${problem}`);
        const again = await trainToDone(host);
        if (again) result.fail(`${scenario.name}: the host did not train again: ${again}`);
        else await host.exportModel(join(dir, 'again'));
      } catch (error) {
        result.crash(`${scenario.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
      keeper = null;
    }
  } finally {
    host.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
  return result;
}
