import * as tf from '@tensorflow/tfjs';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getTemplate } from '../../shared/templates';
import type { StartTrainingRequest } from '../../shared/ipc/training-protocol';
import { fileLoadHandler } from './file-io-handler';
import './maxout-layer';
import {
  type ChildLike,
  createTrainingHost,
  forkTrainingProcess,
  type HostedTrainingEvent,
  REPLY_TIMEOUT_CODE,
  STOP_TIMEOUT_CODE,
  type TrainingHost,
} from './training-host';

tf.enableProdMode();

const XOR = getTemplate('xor-mlp')!;
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function xorRequest(epochs: number): StartTrainingRequest {
  return {
    graph: XOR.graph,
    training: { ...XOR.training, epochs, backend: 'cpu' },
    dataset: { kind: 'builtin', id: 'xor', params: { size: 200 } },
    task: XOR.task,
  };
}

function untilEvent(
  host: TrainingHost,
  accept: (event: HostedTrainingEvent) => boolean,
  seen: HostedTrainingEvent[] = [],
): Promise<HostedTrainingEvent> {
  return new Promise((resolve) => {
    const off = host.onEvent((event) => {
      seen.push(event);
      if (accept(event)) {
        off();
        resolve(event);
      }
    });
  });
}

const terminal = (event: HostedTrainingEvent) =>
  event.type === 'done' || event.type === 'cancelled' || event.type === 'error';

describe('training host (forked training process)', () => {
  // Spawning a training process costs seconds on a loaded machine, so one host and its processes serve the story:
  // pause/resume → SIGKILL → crashed → a new run on the same host → done → export.
  let child: ChildLike | null = null;
  const host = createTrainingHost({
    spawn: () => {
      child = forkTrainingProcess();
      return child;
    },
  });
  afterAll(() => host.dispose());

  it('pauses and resumes the run in the child, and turns a SIGKILL into a crashed error event', async () => {
    const seen: HostedTrainingEvent[] = [];
    const firstBatch = untilEvent(host, (event) => event.type === 'batch', seen);
    const runId = host.start(xorRequest(100_000));
    expect(host.isRunning()).toBe(true);
    await firstBatch;
    const paused = untilEvent(host, (event) => event.type === 'paused');
    host.pause();
    await paused;
    const resumed = untilEvent(host, (event) => event.type === 'resumed');
    host.resume();
    await resumed;
    const crashed = untilEvent(host, terminal);
    child!.kill(); // SIGKILL, as the OOM killer would
    const error = await crashed;
    expect(error).toMatchObject({ type: 'error', code: 'crashed', runId });
    if (error.type === 'error') expect(error.message).toMatch(/SIGKILL/);
    expect(host.isRunning()).toBe(false);
    await expect(host.exportModel(path.join(tmpdir(), 'never'))).rejects.toThrow(/no trained model/);
  });

  it('starts a new run after the crash, tags its events with the new run id, and exports a loadable model', async () => {
    const seen: HostedTrainingEvent[] = [];
    const finished = untilEvent(host, terminal, seen);
    const runId = host.start(xorRequest(5));
    const last = await finished;
    expect(last.type).toBe('done');
    expect(host.isRunning()).toBe(false);
    expect(seen.every((event) => event.runId === runId)).toBe(true);
    expect(seen[0]).toMatchObject({ type: 'started', backend: 'cpu', trainSize: 180, valSize: 20 });

    const dir = mkdtempSync(path.join(tmpdir(), 'layerlab-host-'));
    dirs.push(dir);
    await host.exportModel(dir);
    for (const file of ['model.json', 'weights.bin', 'project.layerlab.json', 'history.csv']) {
      expect(existsSync(path.join(dir, file))).toBe(true);
    }
    const history = readFileSync(path.join(dir, 'history.csv'), 'utf8').trim().split('\n');
    expect(history[0]).toBe('epoch,loss,accuracy,val_loss,val_accuracy');
    expect(history).toHaveLength(6);
    const model = await tf.loadLayersModel(fileLoadHandler(dir));
    const prediction = model.predict(tf.tensor2d([[0.5, 0.5]])) as tf.Tensor;
    expect(prediction.shape).toEqual([1, 2]);
    model.dispose();
  });

  it('stops a run after the current batch', async () => {
    const firstBatch = untilEvent(host, (event) => event.type === 'batch');
    host.start(xorRequest(100_000));
    await firstBatch;
    const cancelled = untilEvent(host, terminal);
    host.stop();
    expect(await cancelled).toMatchObject({ type: 'cancelled' });
  });

  it('kills a suspended (SIGSTOP) process that ignores Stop, reports it, and trains again', async () => {
    // Before: Stop was ignored and the host stayed "running" forever, refusing every new run.
    let suspended: ChildLike | null = null;
    const stopTimeoutMs = 1000;
    const host = createTrainingHost({
      spawn: () => (suspended = forkTrainingProcess()),
      stopTimeoutMs,
    });
    try {
      const firstBatch = untilEvent(host, (event) => event.type === 'batch');
      host.start(xorRequest(100_000));
      await firstBatch;
      const pid = suspended!.pid!;
      process.kill(pid, 'SIGSTOP');
      const ended = untilEvent(host, terminal);
      const stopped = performance.now();
      host.stop();
      const event = await ended;
      expect(event).toMatchObject({ type: 'error', code: STOP_TIMEOUT_CODE });
      if (event.type === 'error') expect(event.message).toMatch(/did not stop within 1 s of Stop/);
      expect(performance.now() - stopped).toBeGreaterThanOrEqual(stopTimeoutMs - 50);
      expect(host.isRunning()).toBe(false);
      await expect.poll(() => alive(pid), { timeout: 5000 }).toBe(false);
      const done = untilEvent(host, terminal);
      host.start(xorRequest(1));
      expect(await done).toMatchObject({ type: 'done' });
    } finally {
      host.dispose();
    }
  });

  it('times out an export from a suspended (SIGSTOP) process, ends it, and trains and exports again', async () => {
    // Before: the export waited forever (no deadline on the host's requests) and so did `layerlab train --out`.
    let suspended: ChildLike | null = null;
    const replyTimeoutMs = 1000;
    const host = createTrainingHost({ spawn: () => (suspended = forkTrainingProcess()), replyTimeoutMs });
    const dir = mkdtempSync(path.join(tmpdir(), 'layerlab-hung-'));
    dirs.push(dir);
    try {
      const done = untilEvent(host, terminal);
      host.start(xorRequest(1));
      expect(await done).toMatchObject({ type: 'done' });
      const pid = suspended!.pid!;
      process.kill(pid, 'SIGSTOP');
      const asked = performance.now();
      const failure = await host.exportModel(dir).then(
        () => null,
        (error: unknown) => error,
      );
      expect(failure).toMatchObject({ code: REPLY_TIMEOUT_CODE });
      expect(String((failure as Error).message)).toMatch(/did not answer the export within 1 s/);
      expect(performance.now() - asked).toBeGreaterThanOrEqual(replyTimeoutMs - 50);
      await expect.poll(() => alive(pid), { timeout: 5000 }).toBe(false);
      expect(host.hasModel()).toBe(false);

      const again = untilEvent(host, terminal);
      host.start(xorRequest(1));
      expect(await again).toMatchObject({ type: 'done' });
      await host.exportModel(dir);
      expect(existsSync(path.join(dir, 'model.json'))).toBe(true);
    } finally {
      host.dispose();
    }
  });

  it('rejects a malformed start request before spawning anything', () => {
    let spawned = 0;
    const host = createTrainingHost({
      spawn: () => {
        spawned++;
        return forkTrainingProcess();
      },
    });
    expect(() => host.start({ ...xorRequest(1), training: { ...xorRequest(1).training, batchSize: 0 } })).toThrow();
    expect(spawned).toBe(0);
    host.dispose();
  });
});

const STARTED = {
  type: 'started',
  backend: 'cpu',
  params: 9,
  trainSize: 10,
  valSize: 2,
  classNames: ['a', 'b'],
  epochs: 1,
  batchesPerEpoch: 1,
};

/** A training process stand-in the test drives by hand. */
function fakeChild() {
  const sent: unknown[] = [];
  let onMessage: (message: unknown) => void = () => {};
  let onExit: (code: number | null, signal: string | null) => void = () => {};
  const child: ChildLike = {
    postMessage: (message) => sent.push(message),
    onMessage: (listener) => (onMessage = listener),
    onExit: (listener) => (onExit = listener),
    kill: () => onExit(null, 'SIGKILL'),
  };
  return { child, sent, post: (message: unknown) => onMessage(message), exit: (code: number) => onExit(code, null) };
}

/** Whether a process exists (signal 0 only checks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** How often each fake's process was killed, counted as the host kills them. */
function countKills(fakes: ReturnType<typeof fakeChild>[]): number[] {
  const kills = fakes.map(() => 0);
  fakes.forEach((fake, i) => {
    const kill = fake.child.kill;
    fake.child.kill = () => {
      kills[i]++;
      kill();
    };
  });
  return kills;
}

describe('training host protocol handling', () => {
  it('ends a run whose process does not answer Stop in time, once, and not one that does', async () => {
    const fakes = [fakeChild(), fakeChild()];
    const kills = countKills(fakes);
    let next = 0;
    const host = createTrainingHost({ spawn: () => fakes[next++].child, stopTimeoutMs: 20 });
    const events: HostedTrainingEvent[] = [];
    host.onEvent((event) => events.push(event));

    const first = host.start(xorRequest(1));
    host.stop();
    host.stop(); // a second press does not start a second deadline
    expect(fakes[0].sent.filter((m) => (m as { type: string }).type === 'stop')).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(kills[0]).toBe(1);
    expect(events).toEqual([expect.objectContaining({ type: 'error', code: STOP_TIMEOUT_CODE, runId: first })]);
    expect(host.isRunning()).toBe(false);
    expect(host.hasModel()).toBe(false);

    host.start(xorRequest(1));
    host.stop();
    fakes[1].post({ type: 'cancelled', epochs: 0, metrics: null });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(kills[1]).toBe(0);
    expect(events.map((event) => event.type)).toEqual(['error', 'cancelled']);
    host.dispose();
  });

  it('times out every request to a silent process in one place, but not while the process keeps talking', async () => {
    const fakes = [fakeChild(), fakeChild(), fakeChild()];
    const kills = countKills(fakes);
    let next = 0;
    const host = createTrainingHost({ spawn: () => fakes[next++].child, replyTimeoutMs: 40 });
    const events: HostedTrainingEvent[] = [];
    host.onEvent((event) => events.push(event));
    const requestIds = (i: number) =>
      fakes[i].sent.flatMap((m) =>
        (m as { requestId?: string }).requestId ? [(m as { requestId: string }).requestId] : [],
      );

    // A view query during training while batches keep arriving: no timeout however long the wait.
    const first = host.start(xorRequest(1));
    fakes[0].post(STARTED);
    const query = host.inspect(first, { kind: 'model' });
    for (let i = 0; i < 5; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      fakes[0].post({ type: 'batch', epoch: 1, batch: i + 1, loss: 0.5 });
    }
    expect(kills[0]).toBe(0);
    fakes[0].post({ type: 'inspected', requestId: requestIds(0)[0], result: { kind: 'model' } });
    await expect(query).resolves.toMatchObject({ kind: 'model' });

    // Then silence while a query waits: the process is ended, the query and the run fail with the code.
    const silent = host.inspect(first, { kind: 'model' });
    await expect(silent).rejects.toMatchObject({ code: REPLY_TIMEOUT_CODE });
    expect(kills[0]).toBe(1);
    expect(events.at(-1)).toMatchObject({ type: 'error', code: REPLY_TIMEOUT_CODE, runId: first });
    if (events.at(-1)?.type === 'error')
      expect(events.at(-1)).toHaveProperty('message', expect.stringMatching(/view query/));
    expect(host.isRunning()).toBe(false);

    // A run whose process hangs while its model is kept at `done` ends with the error instead of staying "running".
    const kept: string[] = [];
    host.keepModels((runId, exportTo) => exportTo(`/tmp/kept-${runId}`).then(() => void kept.push(runId)));
    const second = host.start(xorRequest(1));
    fakes[1].post(STARTED);
    fakes[1].post({
      type: 'done',
      metrics: { loss: 1, accuracy: 0.5, valLoss: 1, valAccuracy: 0.5 },
      confusionMatrix: [
        [1, 0],
        [0, 1],
      ],
      classNames: ['a', 'b'],
      epochs: 1,
      seconds: 1,
    });
    await expect.poll(() => host.isRunning(), { timeout: 2000 }).toBe(false);
    expect(kills[1]).toBe(1);
    expect(kept).toEqual([]);
    expect(events.at(-1)).toMatchObject({ type: 'error', code: REPLY_TIMEOUT_CODE, runId: second });

    // The host is free again.
    host.keepModels(null);
    host.start(xorRequest(1));
    expect(fakes[2].sent[0]).toMatchObject({ type: 'start' });
    host.dispose();
  });

  it('reports unreadable messages, ignores a clean exit after done, and a non-zero exit mid-run is a crash', () => {
    const fakes = [fakeChild(), fakeChild()];
    let next = 0;
    const host = createTrainingHost({ spawn: () => fakes[next++].child });
    const events: HostedTrainingEvent[] = [];
    host.onEvent((event) => events.push(event));

    host.start(xorRequest(1));
    expect(fakes[0].sent[0]).toMatchObject({ type: 'start' });
    fakes[0].post({ type: 'epoch', epoch: 'one' });
    expect(events[0]).toMatchObject({ type: 'error', code: 'internal' });
    fakes[0].post({ type: 'cancelled', epochs: 0, metrics: null });
    fakes[0].exit(0);
    expect(events).toHaveLength(2);

    host.start(xorRequest(1));
    fakes[1].exit(134);
    expect(events[2]).toMatchObject({ type: 'error', code: 'crashed' });
    if (events[2].type === 'error') expect(events[2].message).toMatch(/code 134/);
    host.dispose();
  });

  it('runs one at a time, and offers the model for export once the run has started', async () => {
    const fakes = [fakeChild(), fakeChild()];
    let next = 0;
    const host = createTrainingHost({ spawn: () => fakes[next++].child });
    host.start(xorRequest(1));
    expect(() => host.start(xorRequest(1))).toThrow(/already in progress/);
    expect(next).toBe(1);
    expect(host.hasModel()).toBe(false);
    await expect(host.exportModel('/out')).rejects.toThrow(/no trained model/);

    fakes[0].post({
      type: 'started',
      backend: 'cpu',
      params: 9,
      trainSize: 8,
      valSize: 2,
      classNames: ['0', '1'],
      epochs: 1,
      batchesPerEpoch: 1,
    });
    expect(host.hasModel()).toBe(true);
    const exported = host.exportModel('/out');
    const command = fakes[0].sent.at(-1) as { type: string; requestId: string };
    expect(command.type).toBe('export');
    fakes[0].post({ type: 'exported', requestId: command.requestId, dir: '/out' });
    await expect(exported).resolves.toBeUndefined();

    fakes[0].post({ type: 'cancelled', epochs: 0, metrics: null });
    host.start(xorRequest(1));
    expect(next).toBe(2);
    expect(host.hasModel()).toBe(false);
    host.dispose();
  });
});

describe("keeping each run's model", () => {
  it('exports the run into the keeper before publishing done, and a new run waits for it', async () => {
    const fakes = [fakeChild(), fakeChild()];
    let next = 0;
    const host = createTrainingHost({ spawn: () => fakes[next++].child });
    const kept: string[] = [];
    host.keepModels(async (runId, exportTo) => {
      await exportTo(`/runs/${runId}`);
      kept.push(runId);
    });
    const events: HostedTrainingEvent[] = [];
    host.onEvent((event) => events.push(event));
    const runId = host.start(xorRequest(1));
    fakes[0].post({
      type: 'started',
      backend: 'cpu',
      params: 9,
      trainSize: 8,
      valSize: 2,
      classNames: ['0', '1'],
      epochs: 1,
      batchesPerEpoch: 1,
    });
    fakes[0].post({
      type: 'done',
      metrics: { loss: 1, accuracy: 0.5, valLoss: 1, valAccuracy: 0.5 },
      confusionMatrix: [],
      classNames: ['0', '1'],
      epochs: 1,
      seconds: 1,
    });
    // The export is under way: done is not out yet, and the run still counts as running.
    expect(events.map((e) => e.type)).toEqual(['started']);
    expect(() => host.start(xorRequest(1))).toThrow(/already in progress/);
    const command = fakes[0].sent.at(-1) as { type: string; dir: string; requestId: string };
    expect(command).toMatchObject({ type: 'export', dir: `/runs/${runId}` });
    fakes[0].post({ type: 'exported', requestId: command.requestId, dir: command.dir });
    await expect.poll(() => events.map((e) => e.type)).toEqual(['started', 'done']);
    expect(kept).toEqual([runId]);
    expect(host.isRunning()).toBe(false);
    host.dispose();
  });

  it('publishes done even when keeping fails, and keeps nothing for a run stopped before it started', async () => {
    const fake = fakeChild();
    const host = createTrainingHost({ spawn: () => fake.child });
    let calls = 0;
    host.keepModels(async () => {
      calls++;
      throw new Error('disk full');
    });
    const events: HostedTrainingEvent[] = [];
    host.onEvent((event) => events.push(event));
    host.start(xorRequest(1));
    fake.post({ type: 'cancelled', epochs: 0, metrics: null });
    expect(events.map((e) => e.type)).toEqual(['cancelled']);
    expect(calls).toBe(0);

    host.start(xorRequest(1));
    fake.post({
      type: 'started',
      backend: 'cpu',
      params: 9,
      trainSize: 8,
      valSize: 2,
      classNames: ['0', '1'],
      epochs: 1,
      batchesPerEpoch: 1,
    });
    fake.post({ type: 'cancelled', epochs: 1, metrics: null });
    await expect.poll(() => events.map((e) => e.type)).toEqual(['cancelled', 'started', 'cancelled']);
    expect(calls).toBe(1);
    host.dispose();
  });
});
