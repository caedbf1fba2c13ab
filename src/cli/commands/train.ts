import { createRequire } from 'node:module';
import path from 'node:path';
import type { Diagnosis } from '../../shared/training/diagnosis';
import type { TrainingEvent } from '../../shared/ipc/training-events';
import { type TrainConfig, zTrainConfig } from '../../shared/training/train-config';
import { BAD_INPUT_CODES } from '../../core/engine/engine-error';
import { createTrainingHost, type TrainingHost } from '../../core/engine/training-host';
import { FolderError, makeWritableFolder } from '../../core/services/make-folder';
import { CliError } from '../cli-error';
import type { CliIo } from '../cli-io';
import { formatConfusionMatrix } from '../format/confusion-matrix';
import { formatDuration, progressBar } from '../format/progress-bar';
import { parseFlags, type ParsedFlags } from '../parse-flags';
import { keepUnknownFieldsIn } from '../keep-unknown-fields';
import { resolveProject, toStartRequest, type ResolvedProject } from '../resolve-project';
import { PROJECT_FILE } from '../../core/engine/export-model';

const FLAGS = {
  template: 'string',
  project: 'string',
  dataset: 'string',
  data: 'string',
  x: 'string',
  y: 'string',
  task: 'string',
  epochs: 'number',
  'batch-size': 'number',
  optimizer: 'string',
  lr: 'number',
  loss: 'string',
  'validation-split': 'number',
  seed: 'number',
  backend: 'string',
  'max-memory': 'number',
  out: 'string',
  json: 'boolean',
  'init-from': 'string',
} as const;

/** Which flag sets which TrainConfig key, to name the flag when a value is out of range. */
const FLAG_FOR_KEY: Record<string, string> = {
  epochs: 'epochs',
  batchSize: 'batch-size',
  optimizer: 'optimizer',
  learningRate: 'lr',
  loss: 'loss',
  validationSplit: 'validation-split',
  seed: 'seed',
  backend: 'backend',
  maxMemoryMB: 'max-memory',
};

/** Exit code of a run that ended with Ctrl-C. */
const EXIT_INTERRUPTED = 130;
/** Exit code when terminated (SIGTERM): 128 + 15. */
const EXIT_TERMINATED = 143;

/**
 * `layerlab train`: runs the shared engine in a forked training process. With --json, stdout carries exactly one
 * TrainingEvent per line; otherwise a progress bar on stderr and the final confusion matrix on stdout.
 */
export async function trainCommand(
  args: string[],
  io: CliIo,
  hostFactory: () => TrainingHost = createTrainingHost,
): Promise<number> {
  const flags = parseFlags('layerlab train', args, FLAGS);
  const project = await resolveProject('train', flags);
  const training = trainingFromFlags(project.training, flags);
  if (training.backend === 'node' && !nodeBackendInstalled()) {
    throw new CliError(
      'layerlab train: --backend node needs @tensorflow/tfjs-node, which is not installed here; use --backend cpu',
    );
  }
  const outDir = flags.out === undefined ? null : path.resolve(String(flags.out));
  if (outDir != null) {
    try {
      await makeWritableFolder(outDir);
    } catch (error) {
      if (!(error instanceof FolderError)) throw error;
      throw new CliError(`layerlab train: cannot write the output folder: ${error.message}`);
    }
  }

  const initialWeights =
    flags['init-from'] === undefined ? undefined : await reuseWeights(flags['init-from'], project, io);

  const host = hostFactory();
  const report = flags.json ? jsonReporter(io) : humanReporter(io, training);
  let interrupted = false;
  const onSigint = () => {
    if (interrupted) {
      host.dispose();
      process.exit(EXIT_INTERRUPTED);
    }
    interrupted = true;
    io.err('Stopping after the current batch (Ctrl-C again to quit now)...');
    host.stop();
  };
  // Terminated (kill, a closed terminal): end the training process with us, quietly.
  const onSigterm = () => {
    host.dispose();
    process.exit(EXIT_TERMINATED);
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigterm);
  try {
    const final = await new Promise<TrainingEvent>((resolve) => {
      host.onEvent(({ runId: _runId, ...event }) => {
        report(event as TrainingEvent);
        if (event.type === 'done' || event.type === 'cancelled' || event.type === 'error')
          resolve(event as TrainingEvent);
      });
      host.start({ ...toStartRequest(project, training), ...(initialWeights ? { initialWeights } : {}) });
    });
    if (final.type === 'error') {
      io.err(`layerlab train: ${final.message}`);
      return BAD_INPUT_CODES.has(final.code) ? 2 : 1;
    }
    if (outDir != null) {
      await host.exportModel(outDir);
      await keepUnknownFieldsIn(path.join(outDir, PROJECT_FILE), project.file);
      io.err(`Saved model.json, weights, project file and history.csv to ${outDir}`);
    }
    return final.type === 'done' ? 0 : EXIT_INTERRUPTED;
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigterm);
    host.dispose();
  }
}

/**
 * The weights `--init-from RUN_DIR|MODEL_JSON` gives the run: its layers whose names and shapes match. Lists on stderr
 * what is reused and what is not, with the reason (stdout stays NDJSON with --json).
 */
async function reuseWeights(location: string, project: ResolvedProject, io: CliIo) {
  const { readWeightSource, planWeightReuse, describeWeightReuse, requireSomeReuse } =
    await import('../../core/interop/weights/weight-reuse');
  const source = await readWeightSource(location);
  const reuse = planWeightReuse(project.graph, source);
  for (const line of describeWeightReuse(reuse, source.origin)) io.err(line);
  try {
    return requireSomeReuse(reuse, `--init-from ${location}`).initialWeights;
  } catch (error) {
    throw new CliError(`layerlab train: ${(error as Error).message}`);
  }
}

function trainingFromFlags(base: TrainConfig, flags: ParsedFlags): TrainConfig {
  const candidate: Record<string, unknown> = { ...base };
  const set = (key: string, flag: string) => {
    if (flags[flag] !== undefined) candidate[key] = flags[flag];
  };
  for (const [key, flag] of Object.entries(FLAG_FOR_KEY)) set(key, flag);
  const parsed = zTrainConfig.safeParse(candidate);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = String(issue.path[0] ?? '');
  const flag = FLAG_FOR_KEY[key];
  const value = candidate[key];
  const where = flag ? `--${flag} ${JSON.stringify(value)}` : `training setting ${key}`;
  throw new CliError(`layerlab train: invalid ${where}: ${issue.message}`);
}

/** Cheap pre-check in the CLI process; the training process still reports a package that is present but broken. */
function nodeBackendInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-node');
    return true;
  } catch {
    return false;
  }
}

function jsonReporter(io: CliIo): (event: TrainingEvent) => void {
  return (event) => io.out(JSON.stringify(event));
}

function humanReporter(io: CliIo, training: TrainConfig): (event: TrainingEvent) => void {
  let batchesPerEpoch = 1;
  let classNames: string[] = [];
  // Each diagnosis once, when first sent (started, an epoch, or only in done's full list).
  const told = new Set<string>();
  const tell = (diagnoses: Diagnosis[] | undefined) => {
    for (const d of diagnoses ?? []) {
      if (told.has(d.code)) continue;
      told.add(d.code);
      io.err(`${d.severity === 'error' ? 'Problem' : 'Warning'}: ${d.title}. ${d.message} ${d.advice}`);
    }
  };
  const pct = (value: number | null) => (value == null ? '—' : `${(value * 100).toFixed(1)}%`);
  const num = (value: number | null) => (value == null ? '—' : value.toFixed(4));
  return (event) => {
    switch (event.type) {
      case 'started':
        batchesPerEpoch = event.batchesPerEpoch;
        classNames = event.classNames;
        io.err(
          `Training on ${event.trainSize} samples, validating on ${event.valSize} — ${event.params.toLocaleString('en-US')} parameters, ` +
            `backend ${event.backend}, ${training.optimizer} lr ${training.learningRate}, batch ${training.batchSize}`,
        );
        tell(event.diagnoses);
        return;
      case 'batch': {
        const acc = event.accuracy === undefined ? '' : `  acc ${pct(event.accuracy)}`;
        io.status(
          `Epoch ${event.epoch}/${training.epochs} ${progressBar(event.batch, batchesPerEpoch)} ${event.batch}/${batchesPerEpoch}  loss ${num(event.loss)}${acc}`,
        );
        return;
      }
      case 'epoch':
        io.err(
          `Epoch ${event.epoch}/${training.epochs} ${progressBar(1, 1)}  loss ${num(event.loss)}  acc ${pct(event.accuracy)}  ` +
            `val_loss ${num(event.valLoss)}  val_acc ${pct(event.valAccuracy)}  ${Math.round(event.samplesPerSecond)} samples/s  ETA ${formatDuration(event.etaSeconds)}`,
        );
        tell(event.diagnoses);
        return;
      case 'paused':
      case 'resumed':
        io.err(`${event.type === 'paused' ? 'Paused' : 'Resumed'} at epoch ${event.epoch}, batch ${event.batch}`);
        return;
      case 'done': {
        tell(event.diagnoses);
        const m = event.metrics;
        io.out(
          `Done: ${event.epochs} epochs in ${formatDuration(event.seconds)}. loss ${num(m.loss)}  acc ${pct(m.accuracy)}  val_loss ${num(m.valLoss)}  val_acc ${pct(m.valAccuracy)}`,
        );
        if (event.confusionMatrix.length > 0) {
          io.out('Validation confusion matrix (rows: true class, columns: predicted):');
          io.out(formatConfusionMatrix(event.confusionMatrix, event.classNames.length ? event.classNames : classNames));
        }
        return;
      }
      case 'cancelled':
        io.out(`Stopped after ${event.epochs} epoch${event.epochs === 1 ? '' : 's'}.`);
        return;
      case 'error':
        return;
    }
  };
}
