import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunModel, StartTrainingRequest } from '../../shared/ipc/training-protocol';
import { getTemplate } from '../../shared/templates';
import { packFloats } from '../../shared/views/packed-array';
import type { ViewQuery } from '../../shared/views/view-queries';
import { expectSameView } from '../inspect/testing/expect-same-view';
import { createRunViewer, VIEWER_FORGOT_MESSAGE } from './run-viewer';
import { createTrainingHost, forkTrainingProcess, type ChildLike, type HostedTrainingEvent } from './training-host';

tf.enableProdMode();

const XOR = getTemplate('xor-mlp')!;

function xorRequest(overrides: Partial<StartTrainingRequest['training']> = {}): StartTrainingRequest {
  return {
    graph: XOR.graph,
    training: { ...XOR.training, backend: 'cpu', epochs: 3, ...overrides },
    dataset: { kind: 'builtin', id: 'xor', params: { size: 200 } },
    task: XOR.task,
    views: true,
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function untilGone(pid: number): Promise<void> {
  for (let waited = 0; isAlive(pid); waited += 50) {
    if (waited > 10_000) throw new Error(`process ${pid} is still running`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const QUERIES: ViewQuery[] = [
  { kind: 'model' },
  { kind: 'weights', layer: XOR.graph.nodes[1].id },
  { kind: 'predict', sample: { input: packFloats([0.3, -0.7], [2]) } },
  { kind: 'activations', sample: { split: 'validation', index: 2 } },
  { kind: 'boundary', resolution: 16 },
  { kind: 'cellSamples', epoch: 3, trueClass: 1, predictedClass: 1 },
];

describe('the run viewer (real training processes)', () => {
  // Forking a process with tfjs costs seconds on a loaded machine: one host and one viewer serve the whole story.
  const host = createTrainingHost();
  const spawned: ChildLike[] = [];
  const viewer = createRunViewer({
    spawn: () => {
      const child = forkTrainingProcess();
      spawned.push(child);
      return child;
    },
  });
  afterAll(() => {
    host.dispose();
    viewer.dispose();
  });

  /** Trains `request` in the host and returns the run as the project saves it, with its live answers. */
  async function train(request: StartTrainingRequest): Promise<{ runId: string; saved: RunModel }> {
    const ended = new Promise<HostedTrainingEvent>((resolve) => {
      const off = host.onEvent((event) => {
        if (event.type === 'done' || event.type === 'error') {
          off();
          resolve(event);
        }
      });
    });
    const runId = host.start(request);
    const done = await ended;
    if (done.type !== 'done') throw new Error(`the run failed: ${JSON.stringify(done)}`);
    const weights = await host.inspect(runId, { kind: 'modelWeights' });
    return { runId, saved: { request, weights, classNames: done.classNames, epochs: done.epochs, status: 'done' } };
  }

  let first: { runId: string; saved: RunModel };
  const liveAnswers: unknown[] = [];
  let firstId = '';

  it('answers a finished run like its own training process did, to 1e-6', async () => {
    first = await train(xorRequest({ learningRate: 0.05 }));
    for (const query of QUERIES) liveAnswers.push(await host.inspect(first.runId, query));
    firstId = await viewer.open(first.saved);
    expect(viewer.owns(firstId)).toBe(true);
    expect(viewer.owns(first.runId)).toBe(false);
    for (const [i, query] of QUERIES.entries()) expectSameView(await viewer.inspect(firstId, query), liveAnswers[i]);
    // Opening the loaded run again reuses its process.
    expect(await viewer.open(first.saved)).toBe(firstId);
    expect(spawned).toHaveLength(1);
  });

  it('loads one run at a time: another run replaces the process, and the first loads again when asked', async () => {
    const second = await train(xorRequest({ learningRate: 0.3, seed: 11 }));
    const firstPid = viewer.pid()!;
    const secondId = await viewer.open(second.saved);
    expect(secondId).not.toBe(firstId);
    await untilGone(firstPid);
    const point = QUERIES[2] as Extract<ViewQuery, { kind: 'predict' }>;
    const secondAnswer = await viewer.inspect(secondId, point);
    expectSameView(secondAnswer, await host.inspect(second.runId, point));
    expect(secondAnswer.probabilities).not.toEqual((liveAnswers[2] as typeof secondAnswer).probabilities);
    const secondPid = viewer.pid()!;
    // The first run was remembered: asking it loads it again, in place of the second.
    expectSameView(await viewer.inspect(firstId, point), liveAnswers[2]);
    await untilGone(secondPid);
    expect(spawned.filter((child) => isAlive(child.pid!))).toHaveLength(1);
  });

  it('answers while another run trains, without disturbing it', async () => {
    const seen: HostedTrainingEvent[] = [];
    const off = host.onEvent((event) => seen.push(event));
    const runId = host.start(xorRequest({ epochs: 100_000 }));
    await new Promise<void>((resolve) => {
      const stop = host.onEvent((event) => {
        if (event.type === 'batch') {
          stop();
          resolve();
        }
      });
    });
    expectSameView(await viewer.inspect(firstId, QUERIES[4]), liveAnswers[4]);
    const batchesBefore = seen.filter((event) => event.type === 'batch').length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen.filter((event) => event.type === 'batch').length).toBeGreaterThan(batchesBefore);
    const cancelled = new Promise<void>((resolve) => {
      const stop = host.onEvent((event) => {
        if (event.type === 'cancelled') {
          stop();
          resolve();
        }
      });
    });
    host.stop();
    await cancelled;
    off();
    expect(seen.every((event) => event.runId === runId && event.type !== 'error')).toBe(true);
  });

  it('ends a suspended (SIGSTOP) viewer process that does not answer, says so, and loads the run again', async () => {
    // Long enough for a process to start and restore the run on a loaded machine (it is silent while it does).
    const hurried = createRunViewer({ replyTimeoutMs: 8_000 });
    try {
      const id = await hurried.open(first.saved);
      const pid = hurried.pid()!;
      process.kill(pid, 'SIGSTOP');
      const error = await hurried.inspect(id, QUERIES[0]).catch((err: unknown) => err);
      expect(error).toMatchObject({
        code: 'reply-timeout',
        message: expect.stringMatching(/did not answer the view query/),
      });
      await untilGone(pid);
      expect(hurried.pid()).toBeNull();
      expectSameView(await hurried.inspect(id, QUERIES[0]), liveAnswers[0]);
    } finally {
      hurried.dispose();
    }
  });

  it('ends its process and forgets the runs when the project closes', async () => {
    const pid = viewer.pid()!;
    viewer.close();
    expect(viewer.pid()).toBeNull();
    await untilGone(pid);
    await expect(viewer.inspect(firstId, { kind: 'model' })).rejects.toThrow(VIEWER_FORGOT_MESSAGE);
  });

  it('says why a run whose weights do not fit its graph cannot be loaded, and keeps no process for it', async () => {
    const broken = { ...first.saved, weights: { ...first.saved.weights, specs: first.saved.weights.specs.slice(1) } };
    await expect(viewer.open(broken)).rejects.toThrow(/could not be loaded: .*saved weights/);
    await untilGone(spawned.at(-1)!.pid!);
    expect(viewer.pid()).toBeNull();
  });
});
