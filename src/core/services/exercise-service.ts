import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { CheckExerciseRequest } from '../../shared/exercises/check-request';
import type { ExerciseResult } from '../../shared/exercises/exercise-result';
import { Emitter } from '../../shared/emitter';
import { CHECK_STOPPED_MESSAGE } from '../../shared/ipc/api';
import type { TrainingEvent } from '../../shared/ipc/training-events';
import { createTrainingHost, type TrainingHost } from '../engine/training-host';
import { checkSubmission, type CheckOptions } from '../exercises/check-submission';
import { MAX_EXERCISE_FILE_BYTES } from '../exercises/read-files';

/** Thrown for a second check while one runs: each check is a training process, and the app needs one at a time. */
export class CheckBusyError extends Error {
  constructor() {
    super('A check is already running: wait for its result.');
    this.name = 'CheckBusyError';
  }
}

export interface ExerciseService {
  /**
   * The app's Check: the submission retrained from scratch in its own training process under the exercise's rules,
   * and judged, exactly as `layerlab check` does. One at a time; disposing the service stops a running one.
   */
  check(request: CheckExerciseRequest): Promise<ExerciseResult>;
  /** Ends the running check's training process; its `check` rejects with CHECK_STOPPED_MESSAGE. */
  stop(): void;
  /** The running check's training events, in order, for the app's progress; returns the unsubscribe function. */
  onEvent(listener: (event: TrainingEvent) => void): () => void;
  /** An exercise file the user picked, as text (the renderer parses it); refused unread when too big. */
  readFile(path: string): Promise<{ name: string; text: string }>;
  dispose(): void;
}

export function createExerciseService(
  options: { createHost?: () => TrainingHost; timeoutMs?: number } = {},
): ExerciseService {
  let running: AbortController | null = null;
  const events = new Emitter<TrainingEvent>();
  return {
    async check({ exercise, submission }) {
      if (running) throw new CheckBusyError();
      const controller = new AbortController();
      running = controller;
      const checkOptions: CheckOptions = {
        createHost: options.createHost ?? createTrainingHost,
        signal: controller.signal,
        onEvent: (event) => events.emit(event),
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      };
      try {
        return await checkSubmission(exercise, submission, checkOptions);
      } finally {
        if (running === controller) running = null;
      }
    },
    stop() {
      running?.abort(new Error(CHECK_STOPPED_MESSAGE));
    },
    onEvent: (listener) => events.on(listener),
    async readFile(path) {
      const { size } = await stat(path);
      if (size > MAX_EXERCISE_FILE_BYTES)
        throw new Error(
          `${basename(path)} has ${size.toLocaleString('en-US')} bytes: too big for an exercise file (at most ${MAX_EXERCISE_FILE_BYTES.toLocaleString('en-US')})`,
        );
      return { name: basename(path), text: await readFile(path, 'utf8') };
    },
    dispose() {
      running?.abort(new Error('LayerLab is closing: the check was stopped.'));
      running = null;
      events.clear();
    },
  };
}
