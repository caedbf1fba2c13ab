/**
 * Entry of the training process: an Electron utilityProcess in the app (`process.parentPort`), a
 * `child_process.fork` child in the CLI, the browser mode and tests (`process.send`). It parses every command with
 * zod, runs one TrainingRun at a time (or restores a finished one from its saved weights, as a viewer) and posts
 * TrainingEvents and replies back. The same entry reads data
 * sets for the hosts (`describe`), which needs no TensorFlow.js: the engine is loaded on the first engine command.
 */
import {
  zTrainingCommand,
  type TrainingCommand,
  type TrainingProcessMessage,
} from '../../shared/ipc/training-protocol';
import { EngineError } from './engine-error';
import type { TrainingRun } from './training-run';

interface ParentLink {
  post(message: TrainingProcessMessage): void;
  onMessage(listener: (message: unknown) => void): void;
}

interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

function connectToParent(): ParentLink {
  const parentPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
  if (parentPort != null) {
    return {
      post: (message) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data)),
    };
  }
  if (process.send != null) {
    // A dead parent would leave this process training for nobody; whatever it still posts is dropped quietly
    // (process.send without a callback throws EPIPE out of the event loop once the parent is gone).
    process.on('disconnect', () => process.exit(0));
    const dropWhenGone = (error: Error | null) => {
      if (error) process.exit(0);
    };
    return {
      post: (message) => {
        if (process.connected) process.send!(message, undefined, {}, dropWhenGone);
      },
      onMessage: (listener) => process.on('message', listener),
    };
  }
  throw new Error('training-process must be started by a training host (fork or Electron utilityProcess)');
}

/** The engine, loaded once on the first command that needs it. */
async function loadEngine(): Promise<typeof import('./training-run')> {
  const [tf, engine] = await Promise.all([import('@tensorflow/tfjs'), import('./training-run')]);
  // tfjs's "looks like you are running in Node.js" banner is noise for users; the started event names the backend.
  tf.enableProdMode();
  return engine;
}

function main(): void {
  const parent = connectToParent();
  // Ctrl-C in a terminal reaches the whole process group; the host decides (stop after the batch), not the signal.
  process.on('SIGINT', () => {});
  // Output to a parent that is gone (a killed CLI) is not worth a stack trace.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => process.exit(0));
  let run: TrainingRun | null = null;
  let running = false;
  let engine: Promise<typeof import('./training-run')> | null = null;
  /** Engine commands run one after another, in the order they came, once the engine is loaded. */
  let engineQueue: Promise<void> = Promise.resolve();

  parent.onMessage((raw) => {
    const parsed = zTrainingCommand.safeParse(raw);
    if (!parsed.success) {
      parent.post({ type: 'error', code: 'bad-input', message: `Malformed training command: ${parsed.error.message}` });
      return;
    }
    const command = parsed.data;
    if (command.type === 'describe') {
      void describe(parent, command);
      return;
    }
    engine ??= loadEngine();
    const loaded = engine;
    engineQueue = engineQueue.then(async () => {
      let TrainingRunClass: typeof TrainingRun;
      try {
        TrainingRunClass = (await loaded).TrainingRun;
      } catch (error) {
        parent.post({ type: 'error', code: 'internal', message: `The training engine did not load: ${String(error)}` });
        return;
      }
      handle(command, TrainingRunClass);
    });
  });

  function handle(command: Exclude<TrainingCommand, { type: 'describe' }>, TrainingRunClass: typeof TrainingRun): void {
    switch (command.type) {
      case 'start': {
        if (running) {
          parent.post({
            type: 'error',
            code: 'bad-input',
            message: 'A run is already in progress in this training process',
          });
          return;
        }
        run?.dispose();
        const current = new TrainingRunClass(command.request, (event) => parent.post(event));
        run = current;
        running = true;
        void current.run().finally(() => {
          running = false;
        });
        return;
      }
      case 'pause':
        run?.pause();
        return;
      case 'resume':
        run?.resume();
        return;
      case 'stop':
        run?.stop();
        return;
      case 'export': {
        const current = run;
        if (current == null) {
          parent.post({
            type: 'export-failed',
            requestId: command.requestId,
            code: 'bad-input',
            message: 'Nothing has been trained yet',
          });
          return;
        }
        current.exportTo(command.dir).then(
          () => parent.post({ type: 'exported', requestId: command.requestId, dir: command.dir }),
          (error: unknown) =>
            parent.post({
              type: 'export-failed',
              requestId: command.requestId,
              code: error instanceof EngineError ? error.code : 'internal',
              message: `Could not export the model to ${command.dir}: ${error instanceof Error ? error.message : String(error)}`,
            }),
        );
        return;
      }
      case 'restore': {
        const { requestId } = command;
        if (running) {
          parent.post({
            type: 'restore-failed',
            requestId,
            code: 'bad-input',
            message: 'A run is in progress in this training process',
          });
          return;
        }
        run?.dispose();
        // A viewer: the run's events (none are sent while restoring) have no listener.
        const current = new TrainingRunClass(command.run.request, () => {});
        run = current;
        current.restore(command.run, command.dataProblem ?? null).then(
          () => parent.post({ type: 'restored', requestId }),
          (error: unknown) =>
            parent.post({
              type: 'restore-failed',
              requestId,
              code: error instanceof EngineError ? error.code : 'internal',
              message: `This run's model could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
            }),
        );
        return;
      }
      case 'inspect': {
        const { requestId } = command;
        if (run == null) {
          parent.post({
            type: 'inspect-failed',
            requestId,
            code: 'bad-input',
            message: 'Nothing has been trained yet',
          });
          return;
        }
        run.inspect(command.query).then(
          (result) => parent.post({ type: 'inspected', requestId, result }),
          (error: unknown) =>
            parent.post({
              type: 'inspect-failed',
              requestId,
              code: error instanceof EngineError ? error.code : 'internal',
              message: error instanceof Error ? error.message : String(error),
            }),
        );
        return;
      }
    }
  }
}

/** Reads a data set for the host (its imports run here, not in the host) and answers with the preview. */
async function describe(parent: ParentLink, command: Extract<TrainingCommand, { type: 'describe' }>): Promise<void> {
  const { requestId } = command;
  try {
    const { readDataset, previewLoadedDataset } = await import('../datasets/index');
    // The file's own class names: the host's cache applies the ref's on the way out.
    const data = await readDataset(command.dataset, { maxMemoryMB: command.maxMemoryMB });
    parent.post({ type: 'described', requestId, preview: previewLoadedDataset(data, command.perClass) });
  } catch (error) {
    const dataError = error as { code?: unknown; message?: unknown; publicMessage?: unknown; file?: unknown };
    const badInput = dataError?.code === 'bad-input';
    const message = error instanceof Error ? error.message : String(error);
    parent.post({
      type: 'describe-failed',
      requestId,
      code: badInput ? 'bad-input' : 'internal',
      message: badInput ? message : `Internal error while reading the data: ${message}`,
      publicMessage: badInput && typeof dataError.publicMessage === 'string' ? dataError.publicMessage : message,
      ...(typeof dataError?.file === 'string' ? { file: dataError.file } : {}),
    });
  }
}

main();
