import { describe, expect, it, vi } from 'vitest';
import type { TrainingEvent } from '../../shared/ipc/training-events';
import { createTrainingService, type TrainingHostLike } from './training-service';

function fakeHost() {
  let listener: ((event: TrainingEvent & { runId?: string }) => void) | null = null;
  let running = false;
  let runs = 0;
  const host: TrainingHostLike = {
    start: () => {
      running = true;
      return `run-${++runs}`;
    },
    pause: vi.fn(),
    resume: vi.fn(),
    stop: vi.fn(() => void (running = false)),
    exportModel: vi.fn(async () => {}),
    onEvent: (l) => {
      listener = l;
      return () => void (listener = null);
    },
    isRunning: () => running,
    dispose: vi.fn(),
  };
  return {
    host,
    emit: (event: TrainingEvent & { runId?: string }) => listener?.(event),
    finish: () => void (running = false),
  };
}

const started: TrainingEvent = {
  type: 'started',
  backend: 'cpu',
  params: 10,
  trainSize: 8,
  valSize: 2,
  classNames: ['a'],
  epochs: 1,
  batchesPerEpoch: 1,
};

describe('createTrainingService', () => {
  it('stamps events with the run id and enables export once a run started', async () => {
    const { host, emit } = fakeHost();
    const service = createTrainingService(host);
    const events: unknown[] = [];
    service.onEvent((e) => events.push(e));
    await expect(service.exportModel('/out')).rejects.toThrow(/no trained model/);
    expect(service.start({} as never)).toEqual({ runId: 'run-1' });
    emit(started);
    emit({ type: 'paused', epoch: 1, batch: 1, runId: 'run-1' });
    expect(events).toEqual([
      { ...started, runId: 'run-1' },
      { type: 'paused', epoch: 1, batch: 1, runId: 'run-1' },
    ]);
    await service.exportModel('/out');
    expect(host.exportModel).toHaveBeenCalledWith('/out');
  });

  it('refuses a second run while one is going', () => {
    const { host, finish } = fakeHost();
    const service = createTrainingService(host);
    service.start({} as never);
    expect(() => service.start({} as never)).toThrow(/already in progress/);
    finish();
    expect(service.start({} as never)).toEqual({ runId: 'run-2' });
  });

  it('unsubscribes listeners and disposes the host', () => {
    const { host, emit } = fakeHost();
    const service = createTrainingService(host);
    const listener = vi.fn();
    const off = service.onEvent(listener);
    service.start({} as never);
    off();
    emit(started);
    expect(listener).not.toHaveBeenCalled();
    service.dispose();
    expect(host.dispose).toHaveBeenCalled();
  });
});
