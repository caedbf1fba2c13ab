import type { TrainingEvent } from '../../shared/ipc/training-events';
import type { StartTrainingRequest } from '../../shared/ipc/training-protocol';
import type { Exercise } from '../../shared/exercises/exercise';
import type { CheckRunInfo, ExerciseResult } from '../../shared/exercises/exercise-result';
import { judgeSubmission } from '../../shared/exercises/judge';
import {
  exerciseDatasetProblems,
  type ExerciseDataset,
  planCheck,
  type Submission,
} from '../../shared/exercises/plan-check';
import { measurementsFromDone, type RunMeasurements } from '../../shared/exercises/run-measurements';
import type { BackendName } from '../../shared/training/train-config';
import { listBuiltinDatasets } from '../datasets/builtin-datasets';
import { createTrainingHost, type TrainingHost } from '../engine/training-host';
import { ExerciseError } from './exercise-error';

export interface CheckOptions {
  /** A training host for this check; disposed afterwards. The CLI forks a process, the app passes its own. */
  createHost?: () => TrainingHost;
  /** `auto` (default): the native backend where it is installed, else the project's CPU kernels. */
  backend?: BackendName;
  /** Every event of the check's training run, in order, for progress. */
  onEvent?: (event: TrainingEvent) => void;
  /** Training that takes longer is stopped and reported as a problem; default 15 minutes. */
  timeoutMs?: number;
  /** Aborting ends the training process and rejects with the signal's reason: a stopped check has no result. */
  signal?: AbortSignal;
}

export const DEFAULT_CHECK_TIMEOUT_MS = 15 * 60_000;

/**
 * Checks a submission against an exercise: plans the check (refusing what must not be trained), retrains the
 * submitted graph from scratch in the training process under the exercise's rules and seed, and judges what the run
 * measured. Only the graph and training settings of the submission are read; stored weights or history never are.
 * Throws ExerciseError for a broken exercise and an Error for an internal failure of the engine; everything the
 * student can fix is in the result.
 */
export async function checkSubmission(
  exercise: Exercise,
  submission: Submission,
  options: CheckOptions = {},
): Promise<ExerciseResult> {
  const dataset = exerciseDataset(exercise);
  const plan = planCheck(
    exercise,
    { graph: submission.graph, training: submission.training },
    dataset,
    options.backend,
  );
  const common = { exercise, graph: submission.graph, analysis: plan.analysis, adjustments: plan.ruled.adjustments };
  if (plan.request === null) return judgeSubmission({ ...common, run: null, problems: plan.refusals, training: null });
  const outcome = await trainOnce(plan.request, options);
  const training: CheckRunInfo = {
    backend: outcome.backend ?? 'unknown',
    epochs: outcome.run?.epochs ?? plan.request.training.epochs,
    optimizer: plan.request.training.optimizer,
    learningRate: plan.request.training.learningRate,
    batchSize: plan.request.training.batchSize,
    loss: plan.request.training.loss,
    seed: plan.request.training.seed,
    validationSplit: plan.request.training.validationSplit,
  };
  return judgeSubmission({
    ...common,
    run: outcome.run,
    problems: outcome.problem === null ? [] : [outcome.problem],
    training,
  });
}

/** What a check needs to know about the exercise's built-in data set; a broken exercise is an ExerciseError. */
export function exerciseDataset(exercise: Exercise): ExerciseDataset {
  const ref = exercise.dataset;
  const builtins = listBuiltinDatasets();
  const descriptor = ref.kind === 'builtin' ? builtins.find((candidate) => candidate.id === ref.id) : undefined;
  if (descriptor === undefined) {
    const name = ref.kind === 'builtin' ? `"${ref.id}"` : 'a file';
    throw new ExerciseError(
      `Exercise ${exercise.id}: data set ${name} is not built in (built in: ${builtins.map((d) => d.id).join(', ')})`,
    );
  }
  const dataset = { inputShape: descriptor.inputShape, classNames: descriptor.classNames };
  const problems = exerciseDatasetProblems(exercise, dataset);
  if (problems.length > 0) throw new ExerciseError(`Exercise ${exercise.id}: ${problems.join('; ')}`);
  return dataset;
}

interface TrainingOutcome {
  run: RunMeasurements | null;
  /** Why the run did not finish, for the student; null when it did. */
  problem: string | null;
  backend: string | null;
}

/** Runs one training in a fresh host and waits for its end (or the timeout); the host is disposed either way. */
async function trainOnce(request: StartTrainingRequest, options: CheckOptions): Promise<TrainingOutcome> {
  const host = (options.createHost ?? createTrainingHost)();
  const timeoutMs = options.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  let backend: string | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  try {
    return await new Promise<TrainingOutcome>((resolve, reject) => {
      const { signal } = options;
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      onAbort = () => reject(signal!.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      timer = setTimeout(() => {
        resolve({
          run: null,
          backend,
          problem: `training did not finish within ${Number((timeoutMs / 1000).toPrecision(3))} s`,
        });
      }, timeoutMs);
      host.onEvent(({ runId: _runId, ...hosted }) => {
        const event = hosted as TrainingEvent;
        options.onEvent?.(event);
        switch (event.type) {
          case 'started':
            backend = event.backend;
            return;
          case 'done':
            resolve({
              run: measurementsFromDone(event, { task: request.task!, loss: request.training.loss }),
              problem: null,
              backend,
            });
            return;
          case 'cancelled':
            resolve({ run: null, backend, problem: 'training was stopped before it finished' });
            return;
          case 'error':
            if (event.code === 'internal') reject(new Error(event.message));
            else resolve({ run: null, backend, problem: `training failed: ${event.message}` });
            return;
          default:
            return;
        }
      });
      host.start(request);
    });
  } finally {
    clearTimeout(timer);
    if (onAbort) options.signal?.removeEventListener('abort', onAbort);
    host.dispose();
  }
}
